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
