/** The demo tenant: a Hangzhou medical-device and education-equipment distributor. WGS-84 coordinates. */
export const DEMO_TENANT = { slug: 'demo', name: '杭州示例医疗器械有限公司', corpId: 'wwsalespathdemo', agentId: '1000002' }

export const DEMO_MEMBERS = [
  { key: 'zhouzong', name: '周总', role: 'manager', manager: null, skills: [], hireDate: '2016-03-01' },
  { key: 'wangjianguo', name: '王建国', role: 'manager', manager: 'zhouzong', skills: ['gov-process'], hireDate: '2019-07-15' },
  { key: 'lina', name: '李娜', role: 'rep', manager: 'wangjianguo', skills: ['gov-process', 'ultrasound'], hireDate: '2021-04-01' },
  { key: 'zhangwei', name: '张伟', role: 'rep', manager: 'wangjianguo', skills: ['ultrasound'], hireDate: '2022-09-01' },
  { key: 'liuyang', name: '刘洋', role: 'rep', manager: 'wangjianguo', skills: ['lab'], hireDate: '2026-06-01' },
  { key: 'chenjing', name: '陈静', role: 'rep', manager: 'wangjianguo', skills: ['education'], hireDate: '2026-08-15' },
  { key: 'zhaolei', name: '赵磊', role: 'rep', manager: 'wangjianguo', skills: ['lab', 'gov-process'], hireDate: '2025-02-10' },
  { key: 'admin', name: '系统管理员', role: 'admin', manager: null, skills: [], hireDate: null },
] as const

export const DEMO_CUSTOMERS = [
  ['浙大一院（庆春院区）', '医疗', 30.2596, 120.1776], ['浙大二院（解放路院区）', '医疗', 30.2568, 120.1806],
  ['浙江省人民医院', '医疗', 30.2750, 120.1561], ['杭州市第一人民医院', '医疗', 30.2503, 120.1664],
  ['邵逸夫医院（庆春院区）', '医疗', 30.2620, 120.1900], ['浙江省中医院', '医疗', 30.2563, 120.1660],
  ['杭州市中医院', '医疗', 30.2834, 120.1636], ['萧山区第一人民医院', '医疗', 30.1690, 120.2640],
  ['余杭区第一人民医院', '医疗', 30.4180, 120.2990], ['富阳区人民医院', '医疗', 30.0500, 119.9500],
  ['临安区人民医院', '医疗', 30.2330, 119.7240], ['桐庐县第一人民医院', '医疗', 29.7970, 119.6850],
  ['杭州第二中学', '教育', 30.2130, 120.2140], ['杭州学军中学', '教育', 30.2800, 120.1420],
  ['浙江大学（紫金港校区）', '教育', 30.3050, 120.0860], ['杭州师范大学', '教育', 30.2930, 120.0110],
  ['西湖区教育局', '教育', 30.2740, 120.1300], ['滨江区实验小学', '教育', 30.2080, 120.2110],
  ['杭州市疾控中心', '医疗', 30.2920, 120.1580], ['建德市第一人民医院', '医疗', 29.4760, 119.2810],
] as const

export const DEMO_DEPARTMENTS = [
  { key: 'radiology', name: '放射科' }, { key: 'ultrasound', name: '超声科' }, { key: 'lab', name: '检验科' },
  { key: 'equipment', name: '设备科' },
]

export const DEMO_SUMMARIES = [
  '与科主任沟通了现有设备的使用年限，预计明年一季度更新，预算约 80 万。',
  '设备科反馈招标流程需走院长办公会，下周二上会讨论。',
  '客户关注售后响应时间，希望 4 小时到场，已说明我们的本地服务团队。',
  '竞品 A 报价低 8%，客户倾向我们的图像质量，需要补充临床案例。',
  '约定下周三上午 10 点到科室做方案演示，参会人：科主任、设备科长。',
  '客户询问耗材价格与年度用量，已发送耗材清单。',
  '电话回访：报价单已转交采购办，等待审批意见。',
]

/** What the demo company sells; each has a quote image in assets/ showing this model and list price. */
export const DEMO_PRODUCTS = [
  { key: 'ultrasound', industry: '医疗', title: '彩超设备更新', models: ['Resona 7'], amount: 860_000, photo: 'sign-ultrasound' },
  { key: 'chemistry', industry: '医疗', title: '检验科生化分析仪', models: ['BS-2800M'], amount: 1_280_000, photo: 'sign-lab' },
  { key: 'dr', industry: '医疗', title: 'DR 数字化放射系统', models: ['DigiEye 760'], amount: 1_650_000, photo: 'sign-radiology' },
  { key: 'monitor', industry: '医疗', title: '监护仪批量采购', models: ['BeneVision N17'], amount: 540_000, photo: 'sign-equipment' },
  { key: 'classroom', industry: '教育', title: '智慧教室设备', models: ['交互平板 86 寸'], amount: 318_000, photo: 'sign-school' },
  { key: 'recording', industry: '教育', title: '录播教室', models: ['RC-300 录播主机'], amount: 226_000, photo: 'sign-school' },
  { key: 'lab', industry: '教育', title: '理化生实验室', models: ['数字化实验套装'], amount: 472_000, photo: 'sign-school' },
] as const
export type DemoProduct = (typeof DEMO_PRODUCTS)[number]

/** Voice-note summaries long enough to count as objection notes (≥ 30 characters). */
export const DEMO_OBJECTIONS = [
  '客户认为价格偏高，希望再降 5%；已说明三年保修和本地工程师驻场的价值，约定下周给出配置优化方案。',
  '设备科担心与现有 PACS 对接，已安排工程师下周到现场做接口测试，并提供同级医院的对接案例。',
  '校方顾虑后期运维人手不足，已承诺首年每月一次巡检，并为信息中心老师安排两次集中培训。',
]

export const DEMO_PAIN_POINTS = [
  '现有设备使用超过 8 年，故障率高', '高峰期排队时间长，患者投诉多', '图像质量不满足新开展的项目',
  '耗材采购分散，年度成本不透明', '科室扩建后需要新增两台', '老师反映设备操作复杂，培训不足',
]

export const DEMO_DEMO_QUESTIONS = ['能否与现有系统对接？', '培训安排需要几天？', '保修期外的维修响应多快？', '耗材是否锁定品牌？']
