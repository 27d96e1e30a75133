import type { Lang } from '../errors.js'
import type { DayPlan } from './day-plan.js'

export type NamedStop = { id: string; name: string }

/** The morning message: each leg with its arrival time and Amap / Baidu / Tencent navigation links. */
export function renderDayPlan(plan: DayPlan, stops: readonly NamedStop[], lang: Lang, date: string): string {
  const name = (id: string | null) => stops.find((s) => s.id === id)?.name ?? (lang === 'en' ? 'start' : '出发点')
  const title = lang === 'en' ? `**Today's route ${date} · ${stops.length} visits, ${plan.travelMin} min driving**`
    : `**今日路线 ${date} · ${stops.length} 个拜访，车程约 ${plan.travelMin} 分钟**`
  const legs = plan.legs.filter((l) => l.toId !== null).map((l, i) => {
    const late = l.late ? (lang === 'en' ? ' <font color="warning">late for its window</font>' : ' <font color="warning">赶不上时间窗</font>') : ''
    const links = `[高德](${l.links.amap}) · [百度](${l.links.baidu}) · [腾讯](${l.links.tencent})`
    return `> ${i + 1}. ${l.arriveAt} ${name(l.toId)}（${l.travelMin}′）${late}\n> ${links}`
  })
  return [title, ...legs].join('\n')
}
