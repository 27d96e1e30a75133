/** A box in image pixels: left/top inclusive, right/bottom exclusive, as OCR engines report them. */
export type Box = { x0: number; y0: number; x1: number; y1: number }

/**
 * One recognised line of a page with its box and the engine's confidence (0..1); `unsure`, words of it (as written
 * in `text`) in which the engine doubted a character, which a model is then not taken from without the rep.
 */
export type OcrLine = { text: string; bbox: Box; confidence: number; unsure?: readonly string[] }

/** A line as an engine reports it, with the baseline tesseract gives (used to estimate page skew). */
export type RawLine = OcrLine & { baseline?: { x0: number; y0: number; x1: number; y1: number } }

const height = (b: Box): number => Math.max(1, b.y1 - b.y0)

const width = (b: Box): number => Math.max(1, b.x1 - b.x0)
const median = (xs: readonly number[]): number | undefined => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

function pageSlope(lines: readonly RawLine[]): number {
  const slopes = lines
    .filter(l => l.baseline && l.baseline.x1 - l.baseline.x0 > 4 * height(l.bbox))
    .map(l => { const b = l.baseline!; return (b.y1 - b.y0) / (b.x1 - b.x0) })
  if (slopes.length === 0) return slopeFromCentres(lines)
  // a few degrees at most: anything steeper is a misread baseline, not skew
  const m = median(slopes) ?? 0
  return Math.abs(m) < 0.1 ? m : 0
}

/** Height of one line of text: short boxes barely grow when the page is tilted, long ones do. */
function textHeight(lines: readonly RawLine[]): number {
  const short = lines.filter(l => width(l.bbox) < 6 * height(l.bbox)).map(l => height(l.bbox))
  return median(short.length > 0 ? short : lines.map(l => height(l.bbox))) ?? 1
}

/**
 * The page's tilt when the engine gives boxes only (PP-OCR): the slope, up to ±3.4°, that puts the most pairs of
 * side-by-side boxes (table cells, label and value) on one row. A box's centre stays put under rotation while its
 * height grows; an untilted page keeps slope 0 unless another lines up strictly more pairs.
 */
function slopeFromCentres(lines: readonly RawLine[]): number {
  const boxes = lines.map(l => ({ x0: l.bbox.x0, x1: l.bbox.x1, cx: (l.bbox.x0 + l.bbox.x1) / 2, cy: (l.bbox.y0 + l.bbox.y1) / 2 }))
  const tolerance = 0.25 * textHeight(lines)
  const aligned = (slope: number): number => {
    let n = 0
    for (const a of boxes) for (const b of boxes) if (b.x0 >= a.x1 && Math.abs(b.cy - a.cy - slope * (b.cx - a.cx)) < tolerance) n++
    return n
  }
  let best = 0, most = aligned(0)
  for (let i = 1; i <= 30; i++) {
    for (const slope of [i * 0.002, -i * 0.002]) {
      const n = aligned(slope)
      if (n > most) { best = slope; most = n }
    }
  }
  return best
}

type Placed = { line: RawLine; top: number; bottom: number }

const overlapRatio = (a: Placed, b: Placed): number =>
  (Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top)) / Math.min(a.bottom - a.top, b.bottom - b.top)

function joinRow(row: readonly Placed[]): OcrLine {
  const sorted = [...row].sort((a, b) => a.line.bbox.x0 - b.line.bbox.x0)
  const text = sorted.map(p => p.line.text.trim()).filter(t => t.length > 0).join('\t')
  const bbox = sorted.reduce<Box>((acc, p) => ({
    x0: Math.min(acc.x0, p.line.bbox.x0), y0: Math.min(acc.y0, p.line.bbox.y0),
    x1: Math.max(acc.x1, p.line.bbox.x1), y1: Math.max(acc.y1, p.line.bbox.y1),
  }), { ...sorted[0]!.line.bbox })
  const chars = sorted.reduce((n, p) => n + p.line.text.length, 0) || 1
  const confidence = sorted.reduce((s, p) => s + p.line.confidence * p.line.text.length, 0) / chars
  const unsure = sorted.flatMap(p => p.line.unsure ?? [])
  return { text, bbox, confidence, ...(unsure.length > 0 ? { unsure } : {}) }
}

/**
 * Rebuilds reading order from line boxes: lines that share a row (vertical overlap after removing the page's
 * skew) are joined left to right with a tab, rows top to bottom. Engines split a table row or a label and its
 * value into separate blocks; joining them keeps "合计" and its amount on one line.
 */
export function orderLines(lines: readonly RawLine[]): OcrLine[] {
  const kept = lines.filter(l => l.text.trim().length > 0)
  const slope = pageSlope(kept)
  const lineHeight = textHeight(kept)
  const placed: Placed[] = kept
    .map(l => {
      // a tilted line's box is taller than its text by its width times the slope
      const tall = height(l.bbox) - width(l.bbox) * Math.abs(slope)
      const h = tall >= 0.5 * lineHeight ? tall : Math.min(height(l.bbox), lineHeight)
      const centre = (l.bbox.y0 + l.bbox.y1) / 2 - slope * (l.bbox.x0 + l.bbox.x1) / 2
      return { line: l, top: centre - h / 2, bottom: centre + h / 2 }
    })
    .sort((a, b) => a.top - b.top)
  const rows: Placed[][] = []
  for (const p of placed) {
    const row = rows.find(r => r.every(q => !overlapsX(q.line.bbox, p.line.bbox)) && r.some(q => overlapRatio(q, p) > 0.5))
    if (row) row.push(p)
    else rows.push([p])
  }
  return rows
    .map(r => ({ r, top: Math.min(...r.map(p => p.top)) }))
    .sort((a, b) => a.top - b.top)
    .map(({ r }) => joinRow(r))
}

function overlapsX(a: Box, b: Box): boolean {
  return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0.2 * Math.min(a.x1 - a.x0, b.x1 - b.x0)
}
