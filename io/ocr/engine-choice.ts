import { constrainedMemory } from 'node:process'
import { freemem } from 'node:os'
import { createOcrEngine, isOcrEngineChoice, resolveOcrEngine, type OcrEngine, type OcrEngineChoice, type OcrEngineName, type OcrEngineOptions } from './ocr-engine.js'

/** What this process may still allocate: the cgroup's limit when there is one, else the machine's free RAM. */
export function availableMemory(): number {
  const limit = constrainedMemory()
  const free = freemem()
  return limit > 0 ? Math.min(free, limit - process.memoryUsage.rss()) : free
}

/** A tenant's `settings.ocrEngine` when it names an engine or auto; anything else leaves the deployment's choice. */
export function tenantOcrChoice(settings: Record<string, unknown> | null | undefined, fallback: OcrEngineChoice): OcrEngineChoice {
  const v = settings?.ocrEngine
  return typeof v === 'string' && isOcrEngineChoice(v) ? v : fallback
}

/**
 * The engines of one process, each created on first use and reused; `auto` is resolved once per process so that a
 * long-running worker does not flip engines as its own memory grows.
 */
export function engineRegistry(options: OcrEngineOptions, freeBytes: () => number = availableMemory) {
  const engines = new Map<OcrEngineName, OcrEngine>()
  let auto: OcrEngineName | undefined
  const get = (choice: OcrEngineChoice): OcrEngine => {
    const name = choice === 'auto' ? (auto ??= resolveOcrEngine('auto', options, freeBytes())) : choice
    let engine = engines.get(name)
    if (!engine) engines.set(name, (engine = createOcrEngine(name, options)))
    return engine
  }
  const close = async (): Promise<void> => {
    const all = [...engines.values()]
    engines.clear()
    await Promise.all(all.map(e => e.close()))
  }
  return { get, close }
}
