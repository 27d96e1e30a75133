import type { EntityManager } from 'typeorm'
import { findDueReminders } from '../../io/db/node-run.repo.js'
import { findDueTaskReminders } from '../../io/db/task.repo.js'
import { enqueueReminders, type ReminderJob } from '../../io/effects.js'
import type { QueueKit } from '../../io/queue/queue-kit.js'

const BATCH = 1000

/**
 * Reminders the database says are due, whatever Redis remembers: open runs with next_reminder_at <= now
 * (the partial index idx_node_run_open_reminder) and review tasks past due. Job ids come from the run,
 * level and stored time, so a job still waiting in Redis is not duplicated; a lost one is queued again.
 */
export async function sweepReminders(m: EntityManager, queues: QueueKit, now: Date, batch = BATCH): Promise<number> {
  const runs = await findDueReminders(m, now, batch)
  const tasks = await findDueTaskReminders(m, now, batch)
  const jobs: ReminderJob[] = [...runs, ...tasks.map((t) => ({ ...t, level: 1 as const, at: now }))]
  // Bulk adds in slices keep one Redis round trip from carrying thousands of jobs.
  for (let i = 0; i < jobs.length; i += 500) await enqueueReminders(queues, jobs.slice(i, i + 500), now)
  return jobs.length
}
