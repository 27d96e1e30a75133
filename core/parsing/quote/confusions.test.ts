import { describe, expect, it } from 'vitest'
import { isUncertainModelReading, normaliseModelCase, repairAmountRows, repairModelText, splitGluedBrand } from './confusions.js'
import { parseQuote } from './parse-quote.js'

const row = (text: string) => ({ text, confidence: 0.9 })

describe('repairing PP-OCR confusions in amounts', () => {
  it.each([
    ['总价: 12.85方元', '总价: 12.85万元', true],
    ['混凝土 30方 单价 420元', '混凝土 30方 单价 420元', false],
    ['合计 ¥1,347400.00', '合计 ¥1347400.00', true],
    ['合计 ¥1347,400.00', '合计 ¥1347400.00', true],
    ['合计 ¥1,347,400.00', '合计 ¥1,347,400.00', false],
    ['账号 3759,4390.00', '账号 3759,4390.00', false],
    ['价税合计\t¥221,600:00', '价税合计\t¥221,600.00', true],
    ['合计 (含税)\t¥399,400-00号章', '合计 (含税)\t¥399,400.00号章', true],
    ['税合计: MB15,800.00', '税合计: RMB15,800.00', true],
    ['总价: ¥34,5000,含增值税', '总价: ¥34,500.0,含增值税', true],
    ['合计 ¥1,234,50000', '合计 ¥1,234,500.00', true],
    ['电话 0571-8846,1507', '电话 0571-8846,1507', false],
    ['时间 12:30 2026-03-05', '时间 12:30 2026-03-05', false],
    ['型号: MB15', '型号: MB15', false],
  ])('%s → %s', (text, want, repaired) => {
    expect(repairAmountRows([row(text)])).toEqual({ rows: [row(want)], repaired })
  })

  it.each([
    ['OmronHBP-9030', 'Omron HBP-9030'],
    ['Omron HBP-9030', 'Omron HBP-9030'],
    ['BS-240', 'BS-240'],
    ['Mindray', 'Mindray'],
    ['Yuwell9U-2836', 'Yuwell 9U-2836'],
  ])('brand glued to its code: %s → %s', (model, want) => {
    expect(splitGluedBrand(model)).toBe(want)
  })

  it.each([
    ['Roman numeral with a digit one', '型号: TR-1I1', '型号: TR-III'],
    ['Roman numeral with a !', '1\t输液泵\tJY-I!1\t2台', '1\t输液泵\tJY-III\t2台'],
    ['variant word glued to the digits', 'BC-5390CRP，FZ-864IV，PKL-9326PLUS', 'BC-5390 CRP，FZ-864 IV，PKL-9326 PLUS'],
    ['variant word and brand glued', '型号: SinocareREK-442IV', '型号: SinocareREK-442 IV'],
    ['variant word before a glued quantity', 'EY-9476 PLUS3台，EY-9476PLUS3台', 'EY-9476 PLUS3台，EY-9476 PLUS3台'],
    ['one stroke boxed apart', '型号:ZR-543 1', '型号:ZR-543 I'],
    ['two strokes read as digits', '2\t离心机\tYR-123 11\t1台', '2\t离心机\tYR-123 II\t1台'],
    ['three strokes read as digits', 'PY-686 111\t2\t台', 'PY-686 III\t2\t台'],
    ['strokes read as 1 and I', 'YTP-651 1I，Yuwell PTW-287 I1', 'YTP-651 II，Yuwell PTW-287 II'],
    ['strokes joined into H or m', '型号:NF-814 H1\n型号:Omron JC-791 m', '型号:NF-814 III\n型号:Omron JC-791 III'],
    ['a brand word whose capital O was read as 0', '产品型号：0mron PKE-R710，0lympus CX-23', '产品型号：Omron PKE-R710，Olympus CX-23'],
    ['a variant word whose capital O was read as 0', '产品型号：FV-7771 PR0，产品名称', '产品型号：FV-7771 PRO，产品名称'],
  ])('model code: %s', (_name, text, want) => expect(repairModelText(text)).toBe(want))

  it.each([['0ml'], ['10mm'], ['0.5ml'], ['XM-2000 1台'], ['XM-2000 1\t台'], ['XM-2000 2 套'], ['现就 XM-2000 1 台'], ['数量 1'], ['XM-2000\t1\t台'], ['XN-1000 11\tpcs'], ['BS-240 12']])(
    'leaves the quantity in %j', text => expect(repairModelText(text)).toBe(text))

  it.each([['SY-11'], ['DR-5000S'], ['ECG-1212G'], ['TJ-100T'], ['MS-IV'], ['SY-II'], ['ZS-5ml'], ['XN-1000'], ['型号: BC-5390 CRP'], ['TEL-1188'], ['BS-240 P0']])(
    'leaves %s as read (one letter or all digits may be printed so)', text => expect(repairModelText(text)).toBe(text))
})

describe('model case', () => {
  it.each([['Sinocare Mx876', 'Sinocare MX876'], ['Bs-240', 'BS-240'], ['YuWell BA-378 IV', 'Yuwell BA-378 IV'], ['BiobaSe DRN-921', 'Biobase DRN-921']])(
    '%s → %s', (read, want) => expect(normaliseModelCase(read)).toBe(want))
  it.each([['TC-10mL'], ['ZS-5ml'], ['Mindray BS-240'], ['iMEC10'], ['Omron HBP-9030'], ['SY-II']])('%s stays', m => expect(normaliseModelCase(m)).toBe(m))
})

describe('Roman suffix readings no rule can settle', () => {
  it.each([['LZ-11'], ['NK-1'], ['TMT-I'], ['SY-II'], ['EF-169 II'], ['Omron JC-791 III'], ['ZR-543 I'], ['JW-277V'], ['PTW-287I1'], ['YTP-6511I'], ['WX-89911'], ['PY-686111']])('%s is uncertain', m => expect(isUncertainModelReading(m)).toBe(true))
  it.each([['BS-240'], ['DR-5000S'], ['ECG-1212G'], ['BC-5390 CRP'], ['KV-17'], ['XN-1000'], ['ZS-5ml'], ['LX-20R'], ['TEL-1188'], ['XN-1011'], ['QX-2011']])('%s is not', m => expect(isUncertainModelReading(m)).toBe(false))

  it('keeps the reading and flags the models for the rep', () => {
    const q = parseQuote({ text: '型号: LZ-11\n单价: ¥9,800.00\n总价: ¥9,800.00' })
    expect(q.models).toEqual(['LZ-11'])
    expect(q.flags).toContain('models_low_confidence')
  })
})

describe('the parser tolerates them and flags the field for the rep', () => {
  const quote = (total: string, model: string) => `报价单\n型号: ${model}\n单价: ¥9,800.00\n总价: ${total}\n报价日期: 2026-05-01\n有效期至 2026-06-30`

  it.each([
    ['12.85方元', 128_500, ['amount_corrected']],
    ['¥1,347400.00', 1_347_400, ['amount_corrected']],
    ['¥1,347,400.00', 1_347_400, []],
    ['¥221,600:00', 221_600, ['amount_corrected']],
  ] as const)('total %s → %d yuan, flags %j', (total, amount, flags) => {
    const r = parseQuote({ text: quote(total, 'BS-240') })
    expect(r.amount).toBe(amount)
    expect(r.flags.filter(f => f === 'amount_corrected')).toEqual(flags)
    if (flags.length > 0) expect(r.confidence.amount).toBeLessThan(0.6)
  })

  const catalogue = { products: [{ model: 'SY-II' }, { model: 'BC-5390 CRP' }, { model: 'DR-300 II' }] }
  it.each([
    ['DR-300H', catalogue, ['DR-300 II'], true],
    ['SY-11', catalogue, ['SY-II'], true],
    ['BC-5390CRP', catalogue, ['BC-5390 CRP'], true],
    ['OmronHBP-9030', undefined, ['Omron HBP-9030'], true],
    ['XH-300', catalogue, ['XH-300'], false],
    ['TR-1I1', undefined, ['TR-III'], true],
    ['JT-5384SE', undefined, ['JT-5384 SE'], true],
  ] as const)('model %s with catalogue %j → %j (corrected %s)', (model, cat, models, corrected) => {
    const r = parseQuote({ text: quote('¥9,800.00', model) }, cat ? { catalogue: cat } : {})
    expect(r.models).toEqual(models)
    expect(r.flags.includes('model_corrected')).toBe(corrected)
  })
})
