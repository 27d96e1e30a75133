import type { ProcessDefinition } from '../../core/process/schema.js'
import type { Rng } from './history-random.js'

export const HOUR = 3_600_000
export const DAY = 24 * HOUR
export type DueFor = (node: string, enteredAt: Date) => Date | null

/** One stay in one node, as it will be stored. */
export type RunPlan = {
  id: string; node: string; enteredAt: Date; dueAt: Date | null; doneAt: Date | null
  exit: 'advanced' | 'skipped' | null; reminderLevel: number; nextReminderAt: Date | null
}
export type Timeline = { runs: RunPlan[]; status: 'open' | 'won' | 'lost'; closedAt: Date | null }

const BEIJING = 8 * HOUR

/** Moves a time into Beijing office hours (Mon–Fri 09:00–18:00), the next such morning when outside them. */
export function officeHours(t: number, rng: Rng): Date {
  let local = t + BEIJING
  const hour = () => new Date(local).getUTCHours()
  const weekday = () => new Date(local).getUTCDay()
  if (hour() >= 18) local += DAY
  if (hour() >= 18 || hour() < 9) local = Math.floor(local / DAY) * DAY + 9 * HOUR + rng.int(0, 90) * 60_000
  while (weekday() === 0 || weekday() === 6) local += DAY
  return new Date(local - BEIJING)
}

/** A run still open at `now`: overdue ones whose ladder ran out long ago wait for no reminder; recent ones are due one. */
function openRun(id: string, node: string, enteredAt: Date, dueAt: Date | null, now: Date): RunPlan {
  const exhausted = dueAt !== null && dueAt.getTime() < now.getTime() - 4 * DAY
  return { id, node, enteredAt, dueAt, doneAt: null, exit: null, reminderLevel: exhausted ? 3 : 0, nextReminderAt: exhausted ? null : dueAt }
}

/**
 * A past opportunity's path from `start`: each node closed on time (≈ 7 in 10), made up late (≈ 2 in 10) or left
 * overdue (the deal stalled there); skippable nodes are sometimes skipped, a few deals are lost; whatever would
 * close after `now` is still open.
 */
export function historyTimeline(def: ProcessDefinition, start: Date, now: Date, dueFor: DueFor, rng: Rng): Timeline {
  const runs: RunPlan[] = []
  let t = start
  for (const [i, node] of def.nodes.entries()) {
    const id = rng.uuid()
    const dueAt = dueFor(node.key, t)
    if (node.canSkip && rng.chance(0.3)) {
      const doneAt = new Date(t.getTime() + rng.int(1, 4) * HOUR)
      runs.push({ id, node: node.key, enteredAt: t, dueAt, doneAt, exit: 'skipped', reminderLevel: 0, nextReminderAt: null })
      t = doneAt
      continue
    }
    const window = (dueAt?.getTime() ?? t.getTime() + 3 * DAY) - t.getTime()
    const late = rng.chance(0.22)
    const doneAt = late && dueAt ? officeHours(dueAt.getTime() + rng.int(4, 72) * HOUR, rng)
      : officeHours(t.getTime() + window * (0.2 + rng.next() * 0.6), rng)
    if (rng.chance(0.06) || doneAt > now) {
      runs.push(openRun(id, node.key, t, dueAt, now))
      return { runs, status: 'open', closedAt: null }
    }
    const lost = i > 1 && rng.chance(0.04)
    runs.push({ id, node: node.key, enteredAt: t, dueAt, doneAt, exit: lost ? null : 'advanced', reminderLevel: late ? 1 : 0, nextReminderAt: null })
    if (lost) return { runs, status: 'lost', closedAt: doneAt }
    t = doneAt
  }
  return { runs, status: 'won', closedAt: t }
}

/**
 * Today's opportunity `index` (one per customer), as the demo has always had it: its current node by index, every
 * third one stalled 12 days ago (so reminders start at once), earlier nodes six days apart, one in four closed late.
 */
export function currentTimeline(def: ProcessDefinition, index: number, now: Date, dueFor: DueFor, rng: Rng): Timeline {
  const nodeIndex = index % def.nodes.length
  const currentEntered = new Date(now.getTime() - (index % 3 === 0 ? 12 : 1) * DAY)
  let entered = new Date(currentEntered.getTime() - nodeIndex * 6 * DAY)
  const runs: RunPlan[] = []
  for (let n = 0; n <= nodeIndex; n++) {
    const node = def.nodes[n]!.key
    const id = rng.uuid()
    if (n === nodeIndex) {
      const dueAt = dueFor(node, currentEntered)
      runs.push({ id, node, enteredAt: currentEntered, dueAt, doneAt: null, exit: null, reminderLevel: 0, nextReminderAt: dueAt })
      break
    }
    const dueAt = dueFor(node, entered)
    const doneAt = new Date(dueAt && (index + n) % 4 === 0 ? dueAt.getTime() + DAY : entered.getTime() + 2 * DAY)
    runs.push({ id, node, enteredAt: entered, dueAt, doneAt, exit: 'advanced', reminderLevel: 0, nextReminderAt: null })
    entered = new Date(entered.getTime() + 6 * DAY)
  }
  return { runs, status: 'open', closedAt: null }
}
