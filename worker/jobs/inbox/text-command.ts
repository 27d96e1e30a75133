import { parseCommand, renderHelp, renderTodo, renderUnknown, type TodoItem } from '../../../core/chat/commands.js'
import { formatBeijing } from '../../../core/timing/beijing-time.js'
import type { ChannelEvent } from '../../../io/channels/channel.js'
import type { Inbox } from '../../../io/db/entities/inbox.entity.js'
import type { Member } from '../../../io/db/entities/member.entity.js'
import { writeOutbox } from '../../../io/db/outbox.repo.js'
import { enqueueOutbox } from '../../../io/queue/enqueue-outbox.js'
import type { JobContext } from '../../job-context.js'
import { recordActivityOnce } from '../../../io/db/activity.repo.js'
import { senderOf, type InboxDeps } from './inbox-context.js'

/** 帮助 / 待办 / 今日 answered with one message, keyed by the inbox row so a redelivered job never answers twice. */
export function handleText(d: InboxDeps) {
  return async (row: Inbox, ctx: JobContext) => {
    const ev = row.payload as unknown as Extract<ChannelEvent, { kind: 'text' }>
    const member = await senderOf(ev, row.tenantId, d, ctx)
    const cmd = parseCommand(ev.text)
    const lang = member.lang
    const now = ctx.now()
    let markdown: string
    if (cmd === 'help') markdown = renderHelp(lang)
    else if (cmd === 'todo') markdown = renderTodo(await todoItems(member, now, d, ctx, false), lang, 'todo')
    else if (cmd === 'today') markdown = renderTodo(await todoItems(member, now, d, ctx, true), lang, 'today')
    else {
      await recordActivityOnce(ctx.rt.db.manager, { tenantId: row.tenantId, memberId: member.id, kind: 'chat_note',
        summary: ev.text.slice(0, 2000), occurredAt: new Date(ev.sentAt), receivedAt: row.receivedAt, clientId: `inbox_${row.id}` })
      markdown = renderUnknown(lang)
    }
    const out = await writeOutbox(ctx.rt.db.manager, { tenantId: row.tenantId, idempotencyKey: `reply_${row.id}`, channel: row.channel,
      recipientId: member.id, kind: 'reply', payload: { kind: 'markdown', markdown }, notBefore: now })
    if (out.inserted) await enqueueOutbox(ctx.rt.queues, [{ id: out.id, tenantId: row.tenantId, notBefore: now }], now)
  }
}

type Row = { title: string; due_at: Date | null }

/** Open tasks, then open node runs of the member's opportunities, past due first; `todayOnly` keeps what is due today. */
async function todoItems(member: Member, now: Date, d: InboxDeps, ctx: JobContext, todayOnly: boolean): Promise<TodoItem[]> {
  const endOfDay = new Date(`${formatBeijing(now).slice(0, 10)}T23:59:59+08:00`)
  const tasks: Row[] = await ctx.rt.db.query(
    `SELECT title, due_at FROM task WHERE tenant_id = $1 AND assignee_id = $2 AND done_at IS NULL
       AND ($3::boolean = false OR due_at <= $4) ORDER BY due_at NULLS LAST LIMIT 20`, [member.tenantId, member.id, todayOnly, endOfDay])
  const runs: (Row & { node: string; process_id: string })[] = await ctx.rt.db.query(
    `SELECT c.name AS title, r.due_at, r.node, o.process_id FROM node_run r JOIN opportunity o ON o.id = r.opportunity_id
       JOIN customer c ON c.id = o.customer_id
     WHERE r.tenant_id = $1 AND o.owner_id = $2 AND o.status = 'open' AND r.done_at IS NULL AND r.due_at IS NOT NULL
       AND ($3::boolean = false OR r.due_at <= $4) ORDER BY r.due_at LIMIT 20`, [member.tenantId, member.id, todayOnly, endOfDay])
  const nodeName = (processId: string, key: string) =>
    d.config.definitions.find((x) => x.id === processId)?.nodes.find((n) => n.key === key)?.name[member.lang] ?? key
  const item = (title: string, due: Date | null): TodoItem =>
    ({ title, due: due ? formatBeijing(due).slice(5) : null, overdue: !!due && due < now })
  return [...tasks.map((t) => item(t.title, t.due_at)), ...runs.map((r) => item(`${r.title} · ${nodeName(r.process_id, r.node)}`, r.due_at))]
}
