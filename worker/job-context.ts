import type { Logger } from '../io/log.js'
import type { Payload, QueueName } from '../io/queue/queues.js'
import type { Runtime } from '../io/runtime.js'

export type JobContext = { rt: Runtime; log: Logger; jobId: string; now: () => Date }
export type JobHandler<Q extends QueueName> = (payload: Payload<Q>, ctx: JobContext) => Promise<void>
