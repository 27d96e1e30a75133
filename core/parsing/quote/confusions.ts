import type { Row } from './rows.js'

/** A number written with thousands commas where some commas are missing ("1,347400.00"): every comma sits where a group starts. */
const PARTLY_GROUPED = /(?<![\d,.])\d{1,3}(?:,?\d{3})+\.\d{2}(?!\d)/g
const WELL_GROUPED = /^\d{1,3}(?:,\d{3})+\.\d{2}$/

/**
 * Undoes the confusions PP-OCR makes systematically in amounts, where the context leaves one reading only:
 * 万 read as 方 between a number and 元 ("12.85方元"; 方 alone is also a unit, cubic metres, so it is kept), a
 * dropped thousands comma among others that are in place, a decimal point read as ':' or '-' or lost after a
 * grouped amount, RMB read as MB. The caller flags any field these repairs change.
 */
export function repairAmountRows(rows: readonly Row[]): { rows: Row[]; repaired: boolean } {
  let repaired = false
  const out = rows.map(row => {
    const text = row.text
      .replace(/(?<=\d)方(?=元)/g, '万')
      // the decimal point read as ':' or '-' after a grouped amount ("¥221,600:00", "399,400-00"): no time or date looks so
      .replace(/(?<=(?:¥\d+|\d,\d{3}))[:-](?=\d{2}(?!\d))/g, '.')
      // the decimal point lost after a grouped amount ("¥34,500.00" read as "¥34,5000"): the last group has three digits
      .replace(/(?<![\d,.])(\d{1,3}(?:,\d{3})*,\d{3})(\d{1,2})(?![\d.]|,\d)/g, '$1.$2')
      // RMB with its R lost before a grouped amount ("MB15,800.00")
      .replace(/(?<![A-Za-z])MB(?=\d{1,3}(?:,\d{3})+(?:\.\d{2})?(?!\d))/g, 'RMB')
      .replace(PARTLY_GROUPED, m => (m.includes(',') && !WELL_GROUPED.test(m) ? m.replace(/,/g, '') : m))
    if (text !== row.text) repaired = true
    return text === row.text ? row : { ...row, text }
  })
  return { rows: out, repaired }
}

/**
 * "OmronHBP-9030" → "Omron HBP-9030", "Yuwell9U-2836" → "Yuwell 9U-2836": a capitalised brand word glued to its code
 * when OCR dropped the space (PP-OCR's recogniser rarely writes a space between Latin words).
 */
export function splitGluedBrand(model: string): string {
  return model.replace(/^([A-Z][a-z]{2,})(?=[A-Z]{1,5}[\d-]|\d[A-Z]{0,3}-)/, '$1 ')
}

/** Units a quantity is counted in: a number before one of them is a quantity, never a suffix. */
export const QUANTITY_UNIT = String.raw`(?:台|套|盒|个|箱|支|件|桶|瓶|包|把|只|张|条|份|组|袋|卷|片|根|副|辆|PCS|pcs|Pcs|SET|set|EA|ea)`
/** A quantity with its unit glued after a word ("PLUS3台"): the word ends there. */
export const QUANTITY_AFTER = String.raw`(?=\d+\s*${QUANTITY_UNIT})`
const VARIANT_WORDS = 'CRP|PRO|PLUS|MAX|LITE|VET|SE|EX'
/** Variant words printed after a model number, which OCR glues to its digits: BC-5390CRP is BC-5390 CRP. */
const GLUED_VARIANT = new RegExp(String.raw`(?<=[A-Za-z]-?\d{2,})(${VARIANT_WORDS}|II|III|IV|VI)(?:(?![\w-])|${QUANTITY_AFTER})`, 'g')
/** A variant word after a model number with its O read as a zero: FV-7771 PR0 is FV-7771 PRO. */
const ZERO_FOR_O_VARIANT = new RegExp(String.raw`(?<=[A-Za-z]-?\d{2,}[A-Za-z]?[ \t])(?=[A-Z0]*0)(?:${VARIANT_WORDS.replace(/O/g, '[O0]')})(?![\w-])`, 'g')
/** A Roman numeral after a code's hyphen read with digit ones or a '!' (TR-1I1, JY-I!1); all-digit 11 stays, as it may be one. */
const MISREAD_ROMAN = /(?<=\b[A-Za-z]{1,5}-)(?=[Il1!]*[Il!])[Il1!]{2,3}(?![\w!-])/g

/** How many strokes each glyph PP-OCR reads a Roman I-stroke run as stands for (H is two joined, m three). */
const STROKES: Record<string, number> = { 1: 1, I: 1, l: 1, '!': 1, '|': 1, H: 2, m: 3 }
/**
 * A Roman suffix (I, II, III) the decoder boxed as its own word after the code's digits and read as strokes:
 * "ZR-543 1", "YR-123 11", "PY-686 111", "YTP-651 1I", "NF-814 H1", "JC-791 m". It sits against the code in the same
 * box (a space, not the row builder's tab) and ends the cell; a number with a unit after it ("XM-2000 1台",
 * "XM-2000 1\t台") is a quantity and stays.
 */
const STROKE_SUFFIX = new RegExp(String.raw`(?<=[A-Za-z]-?\d{2,}[A-Za-z]?) ([1Il!|]{1,3}|H[1Il!|]?|[1Il!|]H|m)(?=$|[\t\n,，;；。)）])(?!\t?\s*${QUANTITY_UNIT})`, 'g')

/**
 * Undoes the confusions PP-OCR makes in model codes where the shape leaves one reading: a Roman suffix with digit or
 * '!' strokes, a variant word glued to the digits, and a capital O read as 0 in a brand or a variant word. The caller
 * flags models these repairs change (a stroke count is a guess, so a repaired model is never confirmed without the rep).
 */
export function repairModelText(text: string): string {
  return text
    // a word of a 0 and three or more lower-case letters is a capitalised word whose O was read as a zero ("0mron"):
    // no number is written so (units are short: 0ml, 0mm)
    .replace(/(?<![\w.,])0(?=[a-z]{3,}(?![\w-]))/g, 'O')
    .replace(ZERO_FOR_O_VARIANT, w => w.replace(/0/g, 'O'))
    .replace(STROKE_SUFFIX, (_m, strokes: string) => ' ' + 'I'.repeat(Math.min(3, [...strokes].reduce((n, c) => n + (STROKES[c] ?? 1), 0))))
    .replace(MISREAD_ROMAN, m => 'I'.repeat(m.length))
    .replace(GLUED_VARIANT, ' $1')
}

/**
 * Readings PP-OCR makes of Roman suffixes that no rule can settle: strokes miscounted or read as 1 after the hyphen
 * (LZ-11 for LZ-II, NK-1 for NK-III, TMT-I for TMT-III) and a one-letter suffix whose space was dropped (JW-277V for
 * JW-277 V, a form DR-5000S also takes), and a suffix read as digits glued to a three-digit number (WX-89911 for
 * WX-899 II; model numbers of five digits ending in 11 are rare), and any I-stroke suffix after a space (EF-169 III:
 * its strokes are what OCR miscounts most, even where the engine recounted them on the image). They are kept as read
 * and sent to the rep.
 */
export const isUncertainModelReading = (model: string): boolean => /-[Il1]{1,4}$| I{1,3}$|\d(?:V|I|[I1]*I[I1]*)$|(?<![\d.])\d{3}1{2,3}$/.test(model)

/** A code whose letters OCR read partly in lower case ("Mx876", "Bs-240"); the rest is capitals, digits and separators. */
const MIXED_CASE_CODE = /^[A-Z][A-Za-z]{0,4}[-_/.]?\d[-_/.\dA-Z]*$/
/** A brand word with a capital read inside it ("YuWell", "BiobaSe"). */
const MIXED_CASE_BRAND = /^[A-Z][a-z]+[A-Z][A-Za-z]*$/

/**
 * Case OCR got wrong where only one spelling fits: a code printed in capitals and digits with a letter read in lower
 * case (Mx876 → MX876) and a brand word with a capital inside (YuWell → Yuwell, BiobaSe → Biobase). Units after the
 * digits (TC-10mL) keep their case. The caller flags a model this changes.
 */
export function normaliseModelCase(model: string): string {
  const words = model.split(' ')
  return words.map((w, i) => {
    if (/[a-z]/.test(w) && MIXED_CASE_CODE.test(w)) return w.toUpperCase()
    if (i === 0 && words.length > 1 && MIXED_CASE_BRAND.test(w)) return w[0] + w.slice(1).toLowerCase()
    return w
  }).join(' ')
}
