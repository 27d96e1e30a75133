/** Invented companies, people and products for generated quotes (no real distributor is named). */
import type { Rng } from './random.js'

const CITIES = ['杭州', '宁波', '温州', '嘉兴', '湖州', '绍兴', '金华', '台州', '苏州', '无锡', '南京', '合肥', '上海', '福州', '厦门', '济南', '长沙', '成都']
const WORDS = ['康瑞', '华信', '安杰', '永泰', '恒信', '博远', '致和', '众诚', '天佑', '瑞达', '宏图', '明德', '金桥', '新源', '益康', '同舟', '仁和', '百川']
const KINDS = ['医疗设备有限公司', '医用耗材有限公司', '生物科技有限公司', '医疗器械有限公司', '科技发展有限公司', '仪器设备有限公司', '贸易有限公司']
const PINYIN: Record<string, string> = { 康瑞: 'KANGRUI', 华信: 'HUAXIN', 安杰: 'ANJIE', 永泰: 'YONGTAI', 恒信: 'HENGXIN', 博远: 'BOYUAN', 致和: 'ZHIHE', 众诚: 'ZHONGCHENG', 天佑: 'TIANYOU', 瑞达: 'RUIDA', 宏图: 'HONGTU', 明德: 'MINGDE', 金桥: 'JINQIAO', 新源: 'XINYUAN', 益康: 'YIKANG', 同舟: 'TONGZHOU', 仁和: 'RENHE', 百川: 'BAICHUAN' }
const CUSTOMERS = ['人民医院', '中医院', '妇幼保健院', '社区卫生服务中心', '第一医院', '中心医院', '口腔医院', '疾控中心', '卫生院', '体检中心']
const DEPTS = ['设备科', '采购中心', '医学装备部', '总务科', '检验科', '药剂科']
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '朱', '高', '林', '何']
const GIVEN = ['强', '婷', '伟', '敏', '磊', '静', '洋', '芳', '杰', '丽', '翔', '娟', '涛', '霞']
export const TITLES = ['老师', '主任', '科长', '经理', '院长']

const PRODUCTS: readonly [string, string, number, number][] = [
  ['全自动生化分析仪', '台', 80_000, 450_000], ['五分类血液细胞分析仪', '台', 60_000, 260_000], ['多参数监护仪', '台', 8_000, 40_000],
  ['十二道心电图机', '台', 12_000, 45_000], ['数字化医用X射线摄影系统', '套', 300_000, 900_000], ['电子血压计', '台', 300, 3_000],
  ['医用防护口罩（N95）', '盒', 60, 180], ['碘伏消毒液 500ml', '箱', 80, 300], ['一次性注射器', '箱', 200, 900], ['全自动样本处理系统', '台', 90_000, 200_000],
  ['便携式彩色多普勒超声', '台', 150_000, 480_000], ['医用冷藏箱', '台', 6_000, 30_000], ['输液泵', '台', 5_000, 18_000], ['呼吸机', '台', 60_000, 320_000],
  ['除颤监护仪', '台', 40_000, 120_000], ['尿液分析仪', '台', 9_000, 60_000], ['离心机', '台', 3_000, 25_000], ['生物安全柜', '台', 20_000, 70_000],
  ['电解质分析仪', '台', 15_000, 50_000], ['医用空气消毒机', '台', 4_000, 16_000], ['血糖仪试纸', '盒', 40, 160], ['检验试剂盒', '盒', 300, 2_600],
]
export const BRANDS = ['Mindray', 'Omron', 'Yuwell', 'Edan', 'Sinocare', 'Comen', 'Biobase', 'Dymind']

export type Company = { name: string; short: string; english: string; city: string }
export type Product = { name: string; unit: string; minYuan: number; maxYuan: number }

export function company(rng: Rng): Company {
  const city = rng.pick(CITIES), word = rng.pick(WORDS), kind = rng.pick(KINDS)
  const english = `${PINYIN[word]} ${kind.includes('生物') ? 'BIOTECH' : kind.includes('贸易') ? 'TRADING' : 'MEDICAL EQUIPMENT'} CO., LTD.`
  return { name: `${city}${word}${kind}`, short: word, english, city }
}

export const customer = (rng: Rng): string => `${rng.pick(CITIES)}${rng.pick(['市', '县', ''])}${rng.pick(CUSTOMERS)}`
export const department = (rng: Rng): string => rng.pick(DEPTS)
export const person = (rng: Rng): string => `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}${rng.chance(0.4) ? rng.pick(GIVEN) : ''}`
export const surname = (rng: Rng): string => rng.pick(SURNAMES)

export function products(rng: Rng, n: number): Product[] {
  return rng.shuffle(PRODUCTS).slice(0, n).map(([name, unit, minYuan, maxYuan]) => ({ name, unit, minYuan, maxYuan }))
}

const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ'
const ROMAN = ['II', 'III', 'IV', 'V']
const SUFFIXES = ['CRP', 'PRO', 'PLUS', 'MAX', 'EX', 'SE', 'VET']
const letters = (rng: Rng, n: number): string => Array.from({ length: n }, () => rng.pick([...LETTERS])).join('')
const digits = (rng: Rng, n: number): string => String(rng.int(1, 9)) + Array.from({ length: n - 1 }, () => rng.int(0, 9)).join('')

export const MODEL_SHAPES = ['plain', 'letter_suffix', 'letter_first', 'spaced_suffix', 'roman', 'spaced_roman', 'no_hyphen', 'slash', 'digit_first', 'unit_suffix', 'two_part'] as const
export type ModelShape = (typeof MODEL_SHAPES)[number]

/** A product code in one of the shapes quotes print (BS-240, ECG-1212G, KR-A360, BC-5390 CRP, SY-II, AU480, MX-450/B, 3M-1860). */
export function modelCode(rng: Rng, shape: ModelShape): string {
  const head = letters(rng, rng.int(2, 3))
  switch (shape) {
    case 'plain': return `${head}-${digits(rng, rng.int(2, 4))}`
    case 'letter_suffix': return `${head}-${digits(rng, rng.int(3, 4))}${letters(rng, 1)}`
    case 'letter_first': return `${head}-${letters(rng, 1)}${digits(rng, 3)}`
    case 'spaced_suffix': return `${head}-${digits(rng, 4)} ${rng.pick(SUFFIXES)}`
    case 'roman': return `${head}-${rng.pick(ROMAN)}`
    case 'spaced_roman': return `${head}-${digits(rng, 3)} ${rng.pick(ROMAN)}`
    case 'no_hyphen': return `${head}${digits(rng, 3)}`
    case 'slash': return `${head}-${digits(rng, 3)}/${rng.chance(0.5) ? letters(rng, 1) : digits(rng, 2)}`
    case 'digit_first': return `${rng.int(1, 9)}${letters(rng, 1)}-${digits(rng, 4)}`
    case 'unit_suffix': return `${head}-${rng.pick([5, 10, 20, 50])}${rng.pick(['ml', 'mL'])}`
    default: return `${head}-${digits(rng, 2)}-${digits(rng, 3)}`
  }
}
