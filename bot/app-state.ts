import type { Logger } from '../io/log.js'

/** What middleware puts on ctx.state for the handlers after it. */
export type AppState = { requestId: string; log: Logger }
