import { describe, expect, it } from 'vitest'
import { withoutShorterForms } from './models.js'
import { parseQuote } from './parse-quote.js'

const models = (text: string) => parseQuote({ text }).models

// Synthetic OCR output of layouts the dev set does not have: cells joined by tabs (our row builder), spaces
// where an engine kept them, labels in Chinese and English.
describe('model sets across layouts', () => {
  it.each([
    ['spreadsheet screenshot, English headers, unit column in capitals',
      'Item\tDescription\tModel\tQty\tUnit\tUnit Price\tAmount\n1\tInfusion pump\tIP-7700 II\t4\tSET\t12,000.00\t48,000.00\n2\tSyringe pump\tSP-300\t6\tPCS\t8,500.00\t51,000.00\nTotal\t\t\t\t\t\t99,000.00',
      ['IP-7700 II', 'SP-300']],
    ['spreadsheet, model then a unit word in capitals in the same cell',
      '序号\t名称\t型号\t数量\t单价\n1\t监护仪\tPM-9000 SET\t2\t16,400.00\n合计\t¥32,800.00', ['PM-9000']],
    ['webmail quote, models in a sentence with labels',
      '王经理您好:\n附上报价。型号: UT-2400 超声清洗机 两台; 型号: UT-2400 PRO 一台。\n报价合计 ¥86,000.00', ['UT-2400', 'UT-2400 PRO']],
    ['chat screenshot, the model named in the intro and again after its label',
      '您要的 BS-240 价格如下\n型号: BS-240\n单价: 173,000元\n型号: KR-A360\n单价: 16,400元', ['BS-240', 'KR-A360']],
    ['spec sheet with the model as a two-column row',
      '产品规格及报价\n型号\tHS-3200\n产品名称\t全自动样本处理系统\n总价\t135100元', ['HS-3200']],
    ['letter whose item table lost its 型号 header, code before the Chinese name',
      '序号 名称 数量 单价\n1 DR-5000S 数字化医用X射线摄影系统 1 台 980,000.00\n合计 ¥980,000.00', ['DR-5000S']],
    ['P/N label in an English quote', 'P/N: ABC-1200X Qty 2 Unit Price 300.00\nTotal 600.00', ['ABC-1200X']],
  ])('%s', (_name, text, want) => expect(models(text)).toEqual(want))

  it.each([
    ['standards, certificates and order numbers', '执行标准: GB 9706.1-2020\n订单号: SO-20260398765\n质量体系: ISO 13485\n电话: 0571-84461507'],
    ['a table of services without model codes', '序号\t服务内容\t数量\t单价\n1\t年度维保\t1\t12,000.00\n合计\t¥12,000.00'],
  ])('no models in %s', (_name, text) => expect(models(text)).toEqual([]))
})

describe('one product named with and without its brand', () => {
  it.each([
    [['BS-240', 'Mindray BS-240'], ['Mindray BS-240']],
    [['Mindray BS-240', 'BS-240', 'XM-2000'], ['Mindray BS-240', 'XM-2000']],
    [['BC-5390', 'BC-5390 CRP'], ['BC-5390', 'BC-5390 CRP']],
    [['BS-240', 'BS-2400'], ['BS-240', 'BS-2400']],
  ])('%j → %j', (found, want) => expect(withoutShorterForms(found)).toEqual(want))
})

describe('catalogue-tolerant matching, always flagged for the rep', () => {
  const catalogue = { products: [{ model: 'SY-II' }, { model: 'BC-5390 CRP' }, { model: 'DR-5000S' }, { model: 'Mindray BS-240' }, { model: 'GK-96' }, { model: 'GK-98' }] }
  it.each([
    ['II read as H', '产品型号: SY-H，数量: 10箱', ['SY-II']],
    ['II read as 11', '产品型号: SY-11', ['SY-II']],
    ['variant glued to the code', '型号: BC-5390CRP', ['BC-5390 CRP']],
    ['S read as 5 and 0 as O', '型号: DR-5OOO5', ['DR-5000S']],
    ['B read as 8', '型号: Mindray 8S-240', ['Mindray BS-240']],
  ])('%s', (_name, text, want) => {
    const q = parseQuote({ text }, { catalogue })
    expect(q.models).toEqual(want)
    expect(q.flags).toContain('model_corrected')
  })

  it('an exact catalogue model is not flagged', () => {
    expect(parseQuote({ text: '型号: SY-II' }, { catalogue }).flags).not.toContain('model_corrected')
  })

  it('a loose reading that fits two products is left as read', () => {
    // GK-9G: G could be 6 (GK-96) only; GK-9B: B could be 8 (GK-98); "GK-9?" readings never pick between the two
    expect(parseQuote({ text: '型号: GK-9G' }, { catalogue }).models).toEqual(['GK-96'])
    const both = { products: [{ model: 'AB-5S' }, { model: 'AB-55' }] }
    expect(parseQuote({ text: '型号: AB-5S5' }, { catalogue: both }).models).toEqual(['AB-5S5'])
  })
})

describe('one model read twice, once without its space', () => {
  it('keeps the spelling with the space, wherever it comes first', () => {
    expect(parseQuote({ text: '型号: BC-5390CRP\n型号\tBC-5390 CRP\t单位\t台' }).models).toEqual(['BC-5390 CRP'])
    expect(parseQuote({ text: '型号: BC-5390 CRP\n型号\tBC-5390CRP' }).models).toEqual(['BC-5390 CRP'])
  })
})

describe('a variant suffix boxed apart from its code', () => {
  it.each([
    ['序号\t名称\t型号\t数量\t单价\n1\t血液细胞分析仪\tBC-5390\tCRP\t1\t170,600.00\n合计\t¥170,600.00', ['BC-5390 CRP']],
    ['型号: SY\tII', []],
    ['型号: SY-1\tII', ['SY-1 II']],
    ['型号: XM-2000\tPCS\t2', ['XM-2000']],
    ['型号: XM-2000\tGE', ['XM-2000']],
  ])('%s', (text, want) => expect(parseQuote({ text }).models).toEqual(want))
})
