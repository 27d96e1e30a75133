import { isWorkingDay, type Calendar } from '../timing/working-calendar.js'
import { weekdayOf } from '../timing/beijing-time.js'

/** Whether `day` is the week's last working day (Friday, or earlier before a holiday, or a 调休 weekend day). */
export function isLastWorkingDayOfWeek(cal: Calendar, day: number): boolean {
  if (!isWorkingDay(cal, day)) return false
  const daysToSunday = (7 - weekdayOf(day)) % 7
  for (let d = 1; d <= daysToSunday; d++) if (isWorkingDay(cal, day + d)) return false
  return true
}

type Cell = { intent: number; gap: number; chain: number; customers: number }
type Dept = { zh: string; en: string; cells: Cell[] }
export type HeatmapSummary = { week: string; departments: Dept[]; red: number }

const LABELS = {
  zh: { title: '本周科室需求热力图', desc: (n: number) => `团队已跟进 ${n} 个客户科室`, red: '红灯客户（两周无进展）', intent: '采购意向最高',
    gap: '耗材缺口最大', chain: '决策链最薄弱', none: '暂无', open: '查看热力图' },
  en: { title: 'Weekly department heatmap', desc: (n: number) => `${n} customer departments followed`, red: 'Red customers (2 quiet weeks)',
    intent: 'Highest purchase intent', gap: 'Largest consumables gap', chain: 'Weakest decision chain', none: 'none', open: 'Open heatmap' },
} as const

/** The Friday card for one manager: red count and the departments that stand out this week, in their language. */
export function heatmapCard(s: HeatmapSummary, lang: 'zh' | 'en', url: string, taskId: string) {
  const l = LABELS[lang]
  const latest = s.departments.map((d) => ({ name: d[lang], c: d.cells.at(-1)! })).filter((d) => d.c && d.c.customers > 0)
  const pick = (f: 'intent' | 'gap' | 'chain', best: 1 | -1) => {
    const top = [...latest].sort((a, b) => best * (b.c[f] - a.c[f]))[0]
    return top ? `${top.name} ${top.c[f]}` : l.none
  }
  return {
    title: `${l.title} ${s.week}`, description: l.desc(latest.reduce((n, d) => n + d.c.customers, 0)), url, taskId,
    fields: [{ label: l.red, value: String(s.red) }, { label: l.intent, value: pick('intent', 1) }, { label: l.gap, value: pick('gap', 1) },
      { label: l.chain, value: pick('chain', -1) }],
    // Tapping the card opens the page; no button, since a WeCom button could only send a click back to the bot.
    openLabel: l.open, buttons: [] as { key: string; text: string }[],
  }
}
