import type { Logger } from '../io/log.js'
import type { Payload, QueueName } from '../io/queue/queues.js'
import type { Runtime } from '../io/runtime.js'

/** lastAttempt: this run is the job's final one (BullMQ will not retry it if it throws). */
export type JobContext = { rt: Runtime; log: Logger; jobId: string; now: () => Date; lastAttempt?: boolean }
export type JobHandler<Q extends QueueName> = (payload: Payload<Q>, ctx: JobContext) => Promise<void>
