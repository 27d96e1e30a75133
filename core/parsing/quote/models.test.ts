import { describe, expect, it } from 'vitest'
import { parseQuote } from './parse-quote.js'
import { modelKey, type ProductCatalogue } from './models.js'
import { orderLines } from './ocr-lines.js'

const models = (text: string, catalogue?: ProductCatalogue) => parseQuote({ text }, catalogue ? { catalogue } : {}).models

describe('models', () => {
  it.each([
    ['labelled in a chat', '型号: KR-A360\n名称: 监护仪\n型号: Mindray BS-240', ['KR-A360', 'Mindray BS-240']],
    ['labelled in a letter', '一、产品型号: 3M-1860，产品名称: 口罩 (N95)\n二、产品型号: SY-II，产品名称: 输液器', ['3M-1860', 'SY-II']],
    ['with a variant suffix', '型号; BC-5390 CRP\n型号\tBC-5390 CRP', ['BC-5390 CRP']],
    ['table column, units and names ignored', 'No.\t名称\t型号\t数量\t单位\t单价\n1\tC反应蛋白试剂盒 100人份\tTJ-100T\t110\t盒\t289.40\n2\t稀释液 20L\tLX-20R\t30\t桶\t389.10\n合计\t¥32,000.00', ['TJ-100T', 'LX-20R']],
    ['table whose 型号 header OCR lost', 'No | 名称 ws me 单位 单价 (元)\n1 | 生化分析仪 Mindray BS-240 1 台 218,600.00\n合计 ¥218,600.00', ['Mindray BS-240']],
    ['lower-case unit suffix', '产品型号: ZS-5ml，产品名称: 注射器', ['ZS-5ml']],
    ['repeated code when labels are lost', '现就YF-500 碘伏消毒液报价如下\n二、ABMS: YF.500，数量: 60箱', ['YF-500']],
  ])('%s', (_name, text, want) => expect(models(text)).toEqual(want))

  it.each([
    ['phone, ids and standards', '电话: 0571-84461507\n报价单号: QT20260301-015\n质量认证: ISO 13485\n注册证号: 国械注准202422452074'],
    ['the total row ends the table', '序号\t名称\t型号\t数量\n报价总金额\tRMB44,100.00\nSheet1\tSheet2'],
    ['letter lines are no table header', '一、产品型号: SYII，产品名称: 输液器，数量: 10箱，单价: ¥343.00\n三、报价总金额: (¥14,630.00), S130HER'],
  ])('finds none in %s', (_name, text) => expect(models(text)).toEqual([]))

  const catalogue: ProductCatalogue = { products: [{ model: 'SY-II' }, { model: 'Mindray BS-240' }, { model: 'XM-2000', aliases: ['XM2000A'] }] }

  it.each([
    ['Roman suffix read as digits', '产品型号: SY-11，数量: 10箱', ['SY-II']],
    ['O read as 0 and l as 1', '型号: XM-2OOO', ['XM-2000']],
    ['brand printed, catalogue has it', '型号: Mindray BS-240', ['Mindray BS-240']],
    ['brand not printed keeps the printed code', '型号: BS-240', ['BS-240']],
    ['an alias maps to the model', '型号: XM2000A', ['XM-2000']],
    ['catalogue found in text when no label survives', '现就 XM-2000 血液分析仪报价', ['XM-2000']],
  ])('with a catalogue: %s', (_name, text, want) => expect(models(text, catalogue)).toEqual(want))

  it('flags a model corrected by the catalogue', () => {
    expect(parseQuote({ text: '型号: XM-2OOO' }, { catalogue }).flags).toContain('model_corrected')
  })

  it.each([['SY-II', 'SY-11'], ['XM-2OOO', 'xm 2000'], ['BC-5390 CRP', 'BC5390CRP']])('%s and %s compare equal', (a, b) =>
    expect(modelKey(a)).toBe(modelKey(b)))

  describe('OCR readings the rep must check', () => {
    const read = (text: string) => { const q = parseQuote({ text }); return { models: q.models, flags: q.flags.filter(f => f.startsWith('model')) } }
    const TABLE = '序号\t产品名称\t型号\t数量\t单位\t单价\t金额\n'

    it.each([
      ['a chat line', '型号:ZR-543 1\n型号:UYR-IV', ['ZR-543 I', 'UYR-IV']],
      ['a table cell', `${TABLE}1\t离心机\tPY-686 111\t2\t台\t19,500.00\t39,000.00`, ['PY-686 III']],
      ['a cell with its quantity glued on', '序号名称\t型号\t数量\t单价\t金额\n2\t离心机\tYR-123 11\t1台\t7,100.00\t7,100.00', ['YR-123 II']],
    ])('a Roman suffix read as strokes in %s is read and flagged', (_name, text, want) => {
      expect(read(text)).toEqual({ models: want, flags: ['model_corrected', 'models_low_confidence'] })
    })

    it('one product read twice with different stroke counts stays one model, flagged', () => {
      expect(read('型号:Yuwell PTW-287 111\n产品名称\t检验试剂盒\n型号\tYuwell PTW-287 I1')).toEqual({ models: ['Yuwell PTW-287 III'], flags: ['model_corrected', 'models_low_confidence'] })
    })

    it.each([['型号: XM-2000 1台'], ['型号: XM-2000 1\t台'], [`${TABLE}1\t血液分析仪\tXM-2000\t1\t台\t9,800.00\t9,800.00`]])('a quantity after the code stays a quantity: %j', text => {
      expect(read(text)).toEqual({ models: ['XM-2000'], flags: [] })
    })

    it.each([
      ['YuWell BA-378 IV', 'Yuwell BA-378 IV'], ['BiobaSe DRN-921', 'Biobase DRN-921'], ['Sinocare Mx876', 'Sinocare MX876'],
    ])('a misread case in %s is normalised and flagged', (model, want) => {
      expect(read(`型号:${model}`)).toEqual({ models: [want], flags: ['model_corrected'] })
      expect(read(`${TABLE}1\t监护仪\t${model}\t2\t台\t100.00\t200.00`)).toEqual({ models: [want], flags: ['model_corrected'] })
    })

    it('a variant word keeps its place before a glued quantity', () => {
      expect(read('型号:EY-9476 PLUS3台').models).toEqual(['EY-9476 PLUS'])
      expect(read('型号:EY-9476PLUS3台').models).toEqual(['EY-9476 PLUS'])
    })

    it('a code glued to the name cell is held for the rep (a letter is often lost at the joint)', () => {
      expect(read(`${TABLE}1\t数字化医用X射线摄影系统KT153\t2\t套\t461,800.00\t923,600.00`)).toEqual({ models: ['KT153'], flags: ['models_low_confidence'] })
    })

    it('a code after a lone capital is held for the rep (OCR may have split its first letter off), a code alone is not', () => {
      expect(read(`${TABLE}1\t生物安全柜\tM LW-526/U\t2\t台\t100.00\t200.00`)).toEqual({ models: ['LW-526/U'], flags: ['models_low_confidence'] })
      expect(read(`${TABLE}1\t生物安全柜\tLW-526/U\t2\t台\t100.00\t200.00`)).toEqual({ models: ['LW-526/U'], flags: [] })
      expect(read(`${TABLE}1\t生物安全柜\tX-RAY LW-526/U\t2\t台\t100.00\t200.00`).flags).toEqual([])
    })

    it('a model with a word the engine doubted a character of is held for the rep, in a table cell or after a label', () => {
      const box = (x0: number, y0: number) => ({ x0, y0, x1: x0 + 60, y1: y0 + 16 })
      const cells = (unsure?: string[]) => [
        ...['序号', '产品名称', '型号', '数量'].map((text, i) => ({ text, bbox: box(i * 80, 0), confidence: 0.99 })),
        ...['1', '离心机'].map((text, i) => ({ text, bbox: box(i * 80, 30), confidence: 0.99 })),
        { text: 'BH-214/37', bbox: box(160, 30), confidence: 0.96, ...(unsure ? { unsure } : {}) },
        { text: '2', bbox: box(240, 30), confidence: 0.99 },
      ]
      const flags = (lines: ReturnType<typeof cells>) => parseQuote({ text: '', lines: orderLines(lines) }).flags.filter(f => f.startsWith('model'))
      expect(flags(cells(['BH-214/37']))).toEqual(['models_low_confidence'])
      expect(flags(cells())).toEqual([])
      const label = (unsure?: string[]) => [{ text: '型号：CYW-5909 RAX，数量：3台', bbox: box(0, 0), confidence: 0.97, ...(unsure ? { unsure } : {}) }]
      expect(flags(label(['RAX']))).toEqual(['models_low_confidence'])
      expect(flags(label(['3台']))).toEqual([])
    })
  })
})
