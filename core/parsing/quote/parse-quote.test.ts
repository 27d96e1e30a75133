import { describe, expect, it } from 'vitest'
import { parseQuote } from './parse-quote.js'

const TABLE = `华东医疗设备有限公司
报 价 单
客户名称: 宁波第一医院 报价单号: QT20260301-015
联系人: 王主任 报价日期: 2026-03-01
订单号: SO20260398765 联系电话: 138 1234 5678
No. 名称 型号 数量 单位 单价 (元) 小计 (元)
1 全自动生化分析仪 BS-240 1 台 218,600.00 218,600.00
2 血液分析用稀释液 20L LX-20R 30 桶 389.10 11,673.00
合计 ¥230,273.00
优惠金额 -¥273.00
优惠后合计 ¥230,000.00
合计金额 (大写): 人民币贰拾叁万元整 (小写): ¥230,000.00
备注: 1. 以上价格含13%增值税; 2. 有效期: 2026-04-30;
报价人: 李明 手机: 139 0000 1111`

const LETTER = `宏达医疗器械有限公司
编号: QT20260510-033
产品报价函
您好! 根据贵方需求，现就 YF-500 碘伏消毒液的报价函告如下:
一、产品型号: YF-500，产品名称: 碘伏消毒液，数量: 60箱，单价: ¥122.00，小计: ¥7,320.00。
二、报价总金额: 人民币柒仟叁佰贰拾元整 (¥7,320.00)，含增值税专用发票。
三、交货期: 下单后3日内送达; 付款方式: 货到验收合格后30日内付清。
四、有效期: 30天。
销售代表: 王芳 (手机 17715052266)
2026年5月10日
开户行: 招商银行 账号: 3759 4390 4622 4670 691`

const CHAT = `15:32
陈老师
2026年8月25日 下午2:42
上次说的那几个产品，价格整理一下发我吧
预算大概30万左右
【报价】金华社区卫生服务中心
型号: KR-A360
名称: 多参数监护仪
数量: 2台 单价: 16,400元
型号: Mindray BS-240
名称: 全自动生化分析仪
数量: 1台 单价: 173,000元
总计: 20.58万元 (含税含运费)
报价日期: 2026/8/25
有效期: 自报价之日起60日内
——康瑞医疗 高翔 13312892414`

const SPEC = `产品规格及报价
No. QT20260720-013
型号: HS-3200
产品名称\t全自动样本处理系统
注册证号\t浙械注准201923553923
单价\t¥135,100.00
数量\t1台
总价\t135100元
税率\t含13%增值税
报价日期\t2026年07月20日
有效期\t一个月
电话\t0572-88540659`

const TAX = `序号 产品名称 规格型号 单位 数量 单价 金额
1 全自动血液细胞分析仪 XM-2000 台 1 93,100.00 93,100.00
2 医用电子血压计 Omron HBP-9030 台 7 7,776.70 54,436.90
不含税合计 ¥147,536.90
税额 (13%) ¥19,179.80
价税合计 166716.70元
本报价自报价之日起60日内有效
2026-08-24`

describe('parseQuote on whole documents', () => {
  it.each([
    ['table with discount and uppercase', TABLE, 230_000, ['BS-240', 'LX-20R'], '2026-03-01', '2026-04-30'],
    ['letter with uppercase total', LETTER, 7_320, ['YF-500'], '2026-05-10', '2026-06-09'],
    ['chat screenshot in 万元', CHAT, 205_800, ['KR-A360', 'Mindray BS-240'], '2026-08-25', '2026-10-24'],
    ['spec sheet with month validity', SPEC, 135_100, ['HS-3200'], '2026-07-20', '2026-08-20'],
    ['table with tax lines', TAX, 166_716.7, ['XM-2000', 'Omron HBP-9030'], '2026-08-24', '2026-10-23'],
  ])('%s', (_name, text, amount, models, quoteDate, validUntil) => {
    const q = parseQuote({ text })
    expect(q).toMatchObject({ amount, models, quoteDate, validUntil })
    expect(q.flags).not.toContain('amount_conflict')
    expect(q.confidence.amount).toBeGreaterThanOrEqual(0.6)
  })
})

describe('the total, not its neighbours', () => {
  it.each([
    ['unit price only beside a labelled total', '单价: ¥1,200.00\n数量: 3台\n合计: ¥3,600.00', 3_600],
    ['tax amount after the total', '价税合计: ¥11,300.00\n其中税额: ¥1,300.00', 11_300],
    ['net-of-tax total before the gross total', '不含税合计 ¥10,000.00\n价税合计 ¥11,300.00', 11_300],
    ['phone number after the total', '总价: 8,800元\n手机: 13912345678', 8_800],
    ['budget in a chat', '预算大概5万左右\n总计: ¥46,500.00', 46_500],
    ['wan with decimals', '报价总额: 12.85万元', 128_500],
    ['RMB prefix', '合计 RMB 99,000.00', 99_000],
    ['¥ read as Y', '合计: Y 47,490.00', 47_490],
    ['¥ read as #', '总价: #128,500.00', 128_500],
    ['space as thousands separator', '价税合计: ¥128 500.00', 128_500],
    ['contract amount', '合同金额: 人民币 56,000.00 元', 56_000],
    ['full-width digits and colon', '总计：￥１２，５００．００', 12_500],
    ['comma read as period', '总价: ¥128.500.00', 128_500],
    ['CJK spaced by the OCR engine', '价 税 合 计 : ¥ 683,352.70', 683_352.7],
    ['label on its own line above the amount', '合计金额\n¥56,000.00', 56_000],
    ['small-letter (小写) after the uppercase', '合计金额(大写): 人民币壹拾万元整 (小写): ¥100,000.00', 100_000],
    ['final price after discount', '原价: ¥50,000.00\n优惠后总价: ¥45,000.00', 45_000],
    ['a pre-discount total before the total', '原价合计: 215,200.00\n优惠金额: -¥16,300.00\n合计: 198,900元', 198_900],
    ['cents kept exactly', '价税合计: 128500.50元', 128_500.5],
    ['currency code after the number', 'Total: 128,500.00 CNY', 128_500],
    ['quantity unit after a labelled number', '合计: 12台\n总价: 3,600.00', 3_600],
    ['a dotted date is no amount', '总计(含税): 55,400元\n合计金额(大写): 人民币伍万伍仟肆佰元整\n有效期至2026.06.03', 55_400],
    ['a seal text run on after the total', '单价\t199,700.00\n合计 (含税)\t¥399,400.00号章', 399_400],
  ])('%s', (_name, text, amount) => expect(parseQuote({ text }).amount).toBe(amount))

  it.each([
    ['order number only', '订单号: SO20260398765\n报价单号: QT20260301-015'],
    ['dates only', '报价日期: 2026-03-01\n有效期至2026年4月30日'],
    ['phone and account', '电话: 0571-84461507\n账号: 3759 4390 4622 4670 691'],
    ['unit price only', '单价: ¥1,200.00'],
    ['a dotted date under an uppercase line', '合计金额（大写）：人民币伍万伍仟肆佰\n有效期至2026.06.03'],
    ['a total in dollars', 'Total: $12,000.00\n合计: USD 12,000.00\n总价: 1,650.00美元'],
  ])('finds no total in %s', (_name, text) => {
    const q = parseQuote({ text })
    expect(q.amount).toBeNull()
    expect(q.flags).toContain('amount_missing')
  })

  it('uses the uppercase amount when the digits are unreadable', () => {
    expect(parseQuote({ text: '报价总金额: 人民币肆万柒仟肆佰玖拾元整' }).amount).toBe(47_490)
  })

  it('reads an uppercase amount wrapped onto the next line (a chat bubble) as one', () => {
    const q = parseQuote({ text: '价税合计: 1177312.68元\n大写: 人民币壹佰壹拾柒万柒仟叁佰\n壹拾贰元陆角捌分' })
    expect(q.amount).toBe(1_177_312.68)
    expect(q.flags).not.toContain('amount_uppercase_mismatch')
  })

  it('flags a total the uppercase form contradicts', () => {
    const q = parseQuote({ text: '合计金额(大写): 人民币肆万柒仟元整 (小写): ¥47,490.00' })
    expect(q.amount).toBe(47_490)
    expect(q.flags).toContain('amount_uppercase_mismatch')
    expect(q.confidence.amount).toBeLessThan(0.75)
  })

  it('flags a total that dwarfs every price on the page (digits merged by OCR)', () => {
    const q = parseQuote({ text: '单价\t¥135,100.00\n数量\t1台\n总价\t18358889元' })
    expect(q.flags).toEqual(expect.arrayContaining(['amount_implausible', 'amount_low_confidence']))
  })

  it('flags a total in 万元 that lost its decimal point: ten times the subtotal written to the fen', () => {
    const q = parseQuote({ text: '小计1,667,200.00，运费¥800.00报价总额：1668万元，含增值税专用发票。' })
    expect(q.amount).toBe(16_680_000)
    expect(q.flags).toEqual(expect.arrayContaining(['amount_implausible', 'amount_low_confidence']))
    const right = parseQuote({ text: '小计1,667,200.00，运费¥800.00报价总额：166.8万元，含增值税专用发票。' })
    expect(right.amount).toBe(1_668_000)
    expect(right.flags).not.toContain('amount_implausible')
  })

  it('does not flag a total ten times a unit price (ten units of one product)', () => {
    const q = parseQuote({ text: '单价\t¥12,000.00\n数量\t10台\n合计\t12万元' })
    expect(q.amount).toBe(120_000)
    expect(q.flags).not.toContain('amount_implausible')
  })

  it('does not let a table header label the row under it (a misread line amount is no price)', () => {
    const q = parseQuote({ text: '名称\t型号\t数量\t单价\t小计\n分析仪\tBS-240\t1\t218,600.00\t21860000\n合计金额\t¥218,600.00' })
    expect(q.amount).toBe(218_600)
    expect(q.flags).not.toContain('amount_implausible')
  })

  it('flags a total smaller than the net-of-tax total it includes (digits lost)', () => {
    const q = parseQuote({ text: '不含税合计\t604,736.90\n价税合计\t5270寺' })
    expect(q.flags).toEqual(expect.arrayContaining(['amount_implausible', 'amount_low_confidence']))
  })

  it('restores a leading digit lost from the figures when the uppercase form has it', () => {
    const q = parseQuote({ text: '三、报价总金额: 人民币壹万肆任陆佰参抬元整 (4,630.00)' })
    expect(q.amount).toBe(14_630)
    expect(q.flags).toEqual(expect.arrayContaining(['amount_restored_from_uppercase', 'amount_low_confidence']))
  })

  it('flags two different totals of the same rank', () => {
    const q = parseQuote({ text: '总计: ¥10,000.00\n总计: ¥12,000.00' })
    expect(q.flags).toContain('amount_conflict')
    expect(q.flags).toContain('amount_low_confidence')
  })

  it('takes an unlabelled currency amount only as a low-confidence guess', () => {
    const q = parseQuote({ text: 'mit? ¥6,560.00 (含税含运费)\n单价: 164元' })
    expect(q.amount).toBe(6_560)
    expect(q.flags).toEqual(expect.arrayContaining(['amount_unlabelled', 'amount_low_confidence']))
  })

  it('lowers confidence with the OCR confidence of the line', () => {
    const line = (confidence: number) => [{ text: '总计: ¥6,560.00', bbox: { x0: 0, y0: 0, x1: 100, y1: 20 }, confidence }]
    const sure = parseQuote({ text: '', lines: line(0.95) }).confidence.amount
    const unsure = parseQuote({ text: '', lines: line(0.3) }).confidence.amount
    expect(unsure).toBeLessThan(sure)
  })
})
