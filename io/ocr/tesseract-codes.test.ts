import { describe, expect, it } from 'vitest'
import { codeRuns, codeStrip, MAX_RUNS, mergeReadings, readingsByBand, spliceRun } from './tesseract-codes.js'

/** Words on one line, each `[text, x0, x1, confidence]`, 20 px tall. */
const line = (...ws: [string, number, number, number?][]) => ({
  text: ws.map(w => w[0]).join(' '),
  words: ws.map(([text, x0, x1, confidence = 90]) => ({ text, bbox: { x0, y0: 100, x1, y1: 120 }, confidence })),
})

describe('codeRuns', () => {
  it('takes a code with the Latin words beside it, and an unsure character just after it, and nothing else', () => {
    const runs = codeRuns([
      line(['型号:', 0, 50], ['CBY-544V', 60, 150], ['V', 156, 166], ['数量', 200, 240]),
      line(['1', 0, 10], ['医用口罩', 30, 120], ['YC-', 387, 438, 28], ['员', 425, 442, 12], ['350', 600, 636]),
      line(['单价:', 0, 50], ['Y176,400.00', 60, 170], ['Total', 200, 250]),
      line(['Edan', 0, 50], ['TZJ-6125', 60, 150], ['MAX', 160, 200], ['台', 400, 420]),
    ])
    expect(runs.map(r => [r.line, r.words])).toEqual([
      [0, ['CBY-544V', 'V']],
      [1, ['YC-', '员']],
      [3, ['Edan', 'TZJ-6125', 'MAX']],
    ])
  })

  it('ends a run where the next word begins when chi_sim gave the code a box running over it', () => {
    const [run] = codeRuns([line(['就', 831, 839], ['TZC-||', 838, 980, 41], ['多', 902, 922])])
    expect(run!.bbox).toMatchObject({ x0: 839, x1: 902 })
  })

  it('reads no more than MAX_RUNS on a page', () => {
    const many = Array.from({ length: MAX_RUNS + 5 }, (_, i) => line([`AB-${i}`, 0, 60]))
    expect(codeRuns(many)).toHaveLength(MAX_RUNS)
  })
})

describe('spliceRun', () => {
  const run = (...words: string[]) => ({ line: 0, words, bbox: { x0: 0, y0: 0, x1: 1, y1: 1 }, confidence: 50 })

  it('puts the English reading in place of what chi_sim read, Chinese neighbours kept', () => {
    expect(spliceRun('1 医用口罩 YC-员   350 盒', run('YC-', '员'), 'YC-III')).toBe('1 医用口罩 YC-III   350 盒')
    expect(spliceRun('型号: CBY-544V 数量', run('CBY-544V'), 'CBY-544 V')).toBe('型号: CBY-544 V 数量')
  })

  it('keeps chi_sim\'s reading when the English one is no code, far shorter or longer, or the old text is ambiguous', () => {
    expect(spliceRun('型号: XA-1', run('XA-1'), '型号')).toBe('型号: XA-1')
    expect(spliceRun('型号: XAB-1234', run('XAB-1234'), 'X')).toBe('型号: XAB-1234')
    expect(spliceRun('XA-1 and XA-1', run('XA-1'), 'XA-7')).toBe('XA-1 and XA-1')
    expect(spliceRun('型号: Mindray ZEK-345 V，', run('Mindray', 'ZEK-345', 'V'), 'Mindray vra-aum V')).toBe('型号: Mindray ZEK-345 V，')
    expect(spliceRun('自报价之日i30日内', run('i30'), '308')).toBe('自报价之日i30日内')
  })
})

describe('mergeReadings', () => {
  // English's reading wins, but for what chi_sim reads better; the groups of rows, in order:
  // - takes English's reading but keeps chi_sim's Roman numerals and its l and I where English read 1
  // - keeps chi_sim's D where English read O or 0, and settles a digit against a letter by the neighbours
  // - reads the l of ml and capitals, and drops words English read beyond chi_sim's
  it.each([
    ['HK6-II', 'HKG-IT', 'HKG-II'],
    ['DY-10ml', 'DY-10m1', 'DY-10ml'],
    ['FNV-I', 'FNV-II', 'FNV-II'],
    ['WSY855IV', 'WSY-855 IV', 'WSY-855 IV'],
    ['DV252', '0v252', 'DV252'],
    ['XDF-946', 'XOF-946', 'XDF-946'],
    ['DC6-971', '0CG-971', 'DCG-971'],
    ['HYK-5mL', 'HYK-SmL', 'HYK-5mL'],
    ['VA-A795', 'VA-AT95', 'VA-A795'],
    ['KAZ-262D', 'KAZ-262D', 'KAZ-262D'],
    ['YK-5ml', 'YK-5mt', 'YK-5ml'],
    ['CHJ-20mI', 'CHJ-20mt', 'CHJ-20ml'],
    ['ZRB-10mL', 'ZRB-10mL', 'ZRB-10mL'],
    ['mH-391 II', 'MH-391 II', 'MH-391 II'],
    ['GVK-5ml', 'GVK-5Ml', 'GVK-5ml'],
    ['BD-958 IV', 'Saay BD-958 IV', 'BD-958 IV'],
    ['CHZ-11-101', 'CHZ-11-101 Prer', 'CHZ-11-101'],
    ['JT-509V', 'JTJ-509 V', 'JTJ-509 V'],
    ['Mindray KAZ-262D', 'Mindray KAZ-262D', 'Mindray KAZ-262D'],
  ])('chi_sim %s + English %s → %s', (chi, eng, merged) => {
    expect(mergeReadings(chi, eng)).toBe(merged)
  })
})

describe('codeStrip and readingsByBand', () => {
  it('stacks the runs, cut at the blank columns around them, and gives each reading back to its run', () => {
    const W = 300, H = 200
    const grey = new Uint8Array(W * H).fill(255)
    // glyph blocks: 40..60 and 64..90 (a run whose box says 50..95), 94..110 (a neighbour)
    for (const [a, b] of [[40, 60], [64, 90], [94, 110]] as const) for (let y = 50; y < 70; y++) grey.fill(0, y * W + a, y * W + b)
    const strip = codeStrip(grey, W, H, [{ line: 0, words: ['x'], bbox: { x0: 62, y0: 50, x1: 92, y1: 70 }, confidence: 50 }, { line: 1, words: ['y'], bbox: { x0: 10, y0: 150, x1: 30, y1: 160 }, confidence: 50 }])
    // the first cut is 62..92 (blank at both ends): 30 columns of which 26 ink
    expect(strip.width).toBeGreaterThanOrEqual(30)
    expect(strip.bands).toHaveLength(2)
    const [b0, b1] = strip.bands
    expect(b0![1]).toBe(b1![0])
    const row = Math.round((b0![0] + b0![1]) / 2)
    const ink = [...strip.pixels.subarray(row * strip.width, (row + 1) * strip.width)].filter(v => v === 0).length
    expect(ink).toBe(26)
    const word = (text: string, y: number, x0: number) => ({ text, bbox: { x0, y0: y - 5, x1: x0 + 10, y1: y + 5 }, confidence: 90 })
    expect(readingsByBand([word('B', row, 30), word('A', row, 5), word('C', b1![0] + 3, 0)], strip.bands)).toEqual(['A B', 'C'])
  })
})
