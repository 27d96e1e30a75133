import type { ReminderContent } from '../../core/opportunity/reminder-content.js'
import type { Card } from '../channels/channel.js'

export type ReminderCardInput = {
  content: ReminderContent
  nodeRunId: string
  customerName: string
  ownerName: string
  /** Who receives it: the owner reads "your" opportunity, a manager reads whose it is. */
  recipientId: string
  lang: 'zh' | 'en'
}

const LABELS = {
  zh: { title: '商机超时提醒', owner: '负责人', node: '节点', overdue: '已超时', days: '个工作日', missing: '待补交付物',
    none: '无', recent: '最近沟通', noRecent: '暂无沟通记录', followed: '已跟进', snooze: '延期1天', view: '查看记录', },
  en: { title: 'Opportunity overdue', owner: 'Owner', node: 'Node', overdue: 'Overdue', days: ' working day(s)',
    missing: 'Missing', none: 'none', recent: 'Recent', noRecent: 'no communication yet', followed: 'Followed up', snooze: 'Snooze 1 day',
    view: 'View history' },
} as const

const shortDate = (d: Date): string => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(5, 10)
const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s)

/**
 * The overdue reminder as a button card: customer, node, working days overdue, what is missing and the
 * last three summaries. Button keys carry the node run so a click acts on exactly this run.
 */
export function buildReminderCard(i: ReminderCardInput): Card {
  const l = LABELS[i.lang]
  const c = i.content
  const missing = c.missing.map((m) => `${m.name[i.lang]}${m.need > 1 ? ` (${m.have}/${m.need})` : ''}`).join('、') || l.none
  const recent = c.recentSummaries.slice(0, 3).map((s) => `${shortDate(s.at)} ${clip(s.summary, 40)}`)
  // WeCom shows at most six rows, so the customer goes in the title and the owner in the description.
  const desc = i.recipientId === c.ownerId ? (c.title ?? '') : `${c.title ? `${c.title} · ` : ''}${l.owner} ${i.ownerName}`
  return {
    title: clip(`${l.title}：${i.customerName}`, 60),
    ...(desc ? { description: clip(desc, 60) } : {}),
    fields: [
      { label: l.node, value: c.node.name[i.lang] },
      { label: l.overdue, value: `${c.daysOverdue}${l.days}` },
      { label: l.missing, value: clip(missing, 60) },
      ...(recent.length > 0 ? recent.map((r, k) => ({ label: `${l.recent} ${k + 1}`, value: r })) : [{ label: l.recent, value: l.noRecent }]),
    ],
    buttons: [
      { key: `followed_${i.nodeRunId}`, text: l.followed, style: 'primary' },
      { key: `snooze_${i.nodeRunId}`, text: l.snooze, style: 'secondary' },
      { key: `view_${i.nodeRunId}`, text: l.view, style: 'secondary' },
    ],
    taskId: `reminder_${i.nodeRunId}_${c.level}_${i.recipientId}`.slice(0, 128),
  }
}
