import type { Logger } from './log.js'

export type Closer = { name: string; close: () => Promise<void> }

/**
 * SIGTERM/SIGINT: run the closers in order (stop taking work, drain, then release connections) and
 * exit 0; if draining outlasts the timeout, exit 1 so the orchestrator knows work may have been cut.
 */
export function closeOnSignal(log: Logger, timeoutMs: number, closers: Closer[]): void {
  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    log.info({ signal }, 'shutting down')
    const timer = setTimeout(() => {
      log.error({ timeoutMs }, 'shutdown timed out')
      process.exit(1)
    }, timeoutMs)
    timer.unref()
    for (const c of closers) {
      try {
        await c.close()
        log.info({ part: c.name }, 'closed')
      } catch (err) {
        log.error({ err, part: c.name }, 'close failed')
      }
    }
    clearTimeout(timer)
    process.exit(0)
  }
  // `on`, not `once`: a second signal (an impatient supervisor, a process-group kill) must not cut the drain short.
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}
