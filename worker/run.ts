import { UnrecoverableError, type Job } from 'bullmq'
import { isAppError } from '../io/app-error.js'
import type { Closer } from '../io/lifecycle.js'
import { parsePayload, type QueueName } from '../io/queue/queues.js'
import type { Runtime } from '../io/runtime.js'
import type { JobHandler } from './job-context.js'
import { createChannelRegistry, type ChannelRegistry } from '../io/channels/registry.js'
import { loadProcessConfig, type ProcessConfig } from '../io/config/process-config.js'
import { handleEventsJob } from './jobs/events.job.js'
import { inboxHandlers } from './jobs/inbox/handlers.js'
import { handleNotifyJob } from './jobs/notify.job.js'
import { handleSweepJob } from './jobs/sweep.job.js'
import { DIGEST_CRON, handleDigestJob } from './jobs/digest.job.js'
import { DAY_PLAN_CRON, handleDayPlanJob } from './jobs/day-plan.job.js'
import { HEATMAP_CRON, handleHeatmapJob } from './jobs/heatmap.job.js'
import { handleOrgSyncJob } from './jobs/org-sync.job.js'
import { handleRemindersJob, REMINDERS_CONCURRENCY } from './jobs/reminders.job.js'
import { handleRulesJob } from './jobs/rules.job.js'
import { ocrQuoteJob, type OcrQuoteJob } from './jobs/ocr-quote.job.js'
import { NOTIFY_CONCURRENCY } from './jobs/outbox-batches.js'

/** Queues whose handlers batch the jobs that run together want more of them at once (see their batch sizes). */
const DEFAULT_CONCURRENCY: Partial<Record<QueueName, number>> = { reminders: REMINDERS_CONCURRENCY, notify: NOTIFY_CONCURRENCY }

export type WorkerOptions = {
  config?: ProcessConfig
  concurrency?: Partial<Record<QueueName, number>>
  /** The daily digest's cron pattern and time zone (default 08:30 in TZ_DEFAULT); false for none. */
  digest?: { pattern: string; tz?: string } | false
}

/** The registry: queue → handler. A queue with no handler here has no worker in this process. */
function registry(config: ProcessConfig, channels: ChannelRegistry, ocr: OcrQuoteJob) {
  return {
    events: handleEventsJob(inboxHandlers({ channels, config })),
    notify: handleNotifyJob(channels),
    sweep: handleSweepJob,
    reminders: handleRemindersJob(config),
    rules: handleRulesJob(config),
    digest: handleDigestJob(config),
    'ocr-quote': ocr.handle,
    'org-sync': handleOrgSyncJob(channels),
    'day-plan': handleDayPlanJob(config),
    heatmap: handleHeatmapJob(config),
  } satisfies Partial<{ [Q in QueueName]: JobHandler<Q> }>
}

export type RunningWorker = Closer

export async function startWorker(rt: Runtime, o: WorkerOptions = {}): Promise<RunningWorker> {
  const channels = createChannelRegistry({ db: rt.db, settings: rt.settings, prefix: rt.settings.QUEUE_PREFIX,
    ...(rt.redis ? { redis: rt.redis } : {}) })
  const ocr = ocrQuoteJob()
  const handlers = registry(o.config ?? loadProcessConfig(), channels, ocr) as Partial<Record<QueueName, JobHandler<QueueName>>>
  // The schedulers first: the first queue to answer also runs BullMQ's schema migrations (PostgreSQL backend).
  await rt.queues.queue('sweep').upsertJobScheduler('sweep-every', { every: rt.settings.SWEEP_EVERY_MS },
    { name: 'sweep', data: {}, opts: { removeOnComplete: 10, removeOnFail: 50 } })
  const digest = o.digest ?? { pattern: DIGEST_CRON }
  if (digest) {
    await rt.queues.queue('digest').upsertJobScheduler('digest-daily', { pattern: digest.pattern, tz: digest.tz ?? rt.settings.TZ_DEFAULT },
      { name: 'digest', data: {}, opts: { removeOnComplete: 30, removeOnFail: 30 } })
  }
  if (digest) {
    await rt.queues.queue('day-plan').upsertJobScheduler('day-plan-daily', { pattern: DAY_PLAN_CRON, tz: rt.settings.TZ_DEFAULT },
      { name: 'day-plan', data: {}, opts: { removeOnComplete: 30, removeOnFail: 30 } })
    await rt.queues.queue('heatmap').upsertJobScheduler('heatmap-weekly', { pattern: HEATMAP_CRON, tz: rt.settings.TZ_DEFAULT },
      { name: 'heatmap', data: {}, opts: { removeOnComplete: 30, removeOnFail: 30 } })
  }
  // The directory nightly at 02:00 (and after every 通讯录 change event, see the inbox handlers).
  await rt.queues.queue('org-sync').upsertJobScheduler('org-sync-nightly', { pattern: '0 0 2 * * *', tz: rt.settings.TZ_DEFAULT },
    { name: 'org-sync', data: {}, opts: { removeOnComplete: 30, removeOnFail: 30 } })
  const workers = (Object.entries(handlers) as [QueueName, JobHandler<QueueName>][]).map(([name, handler]) => {
    const w = rt.queues.worker(name, (job: Job) => runJob(rt, name, handler, job), {
      concurrency: o.concurrency?.[name] ?? DEFAULT_CONCURRENCY[name] ?? 4,
    })
    w.on('failed', (job, err) => rt.log.warn({ queue: name, jobId: job?.id, err: err.message }, 'job failed'))
    w.on('error', (err) => rt.log.error({ queue: name, err: err.message }, 'worker error'))
    return w
  })
  await Promise.all(workers.map((w) => w.waitUntilReady()))
  rt.log.info({ queues: Object.keys(handlers) }, 'worker started')
  return { name: 'worker', close: async () => { await rt.queues.close(); await ocr.close() } }
}

async function runJob(rt: Runtime, name: QueueName, handler: JobHandler<QueueName>, job: Job): Promise<void> {
  const log = rt.log.child({ queue: name, jobId: job.id, tenantId: (job.data as { tenantId?: string }).tenantId })
  let payload
  try {
    payload = parsePayload(name, job.data)
  } catch (err) {
    throw new UnrecoverableError(`BAD_REQUEST: invalid ${name} payload: ${(err as Error).message}`)
  }
  try {
    await handler(payload, { rt, log, jobId: String(job.id), now: () => new Date(), lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) })
  } catch (err) {
    // A catalog error will not get better by retrying; anything else (pg, Redis, network) may.
    if (isAppError(err)) throw new UnrecoverableError(err.code)
    throw err
  }
}
