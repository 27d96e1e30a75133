import { reject, type Rejection } from '../errors.js'
import { err, ok, type Result } from '../result.js'

export type CliArgs = { file: string; configPath: string | null }

/** `FILE [--config PATH]`, as the npm scripts pass them (a leading `--` is tolerated). */
export function parseCliArgs(argv: readonly string[]): Result<CliArgs, Rejection> {
  const rest = argv.filter((a) => a !== '--')
  let configPath: string | null = null
  const files: string[] = []
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!
    if (a === '--config') {
      const next = rest[++i]
      if (next === undefined) return err(reject('BAD_REQUEST', { detail: '--config needs a path' }))
      configPath = next
    } else if (a.startsWith('--config=')) configPath = a.slice('--config='.length)
    else if (a.startsWith('-')) return err(reject('BAD_REQUEST', { detail: `unknown option ${a}` }))
    else files.push(a)
  }
  if (files.length !== 1) return err(reject('BAD_REQUEST', { detail: 'expected exactly one input FILE' }))
  return ok({ file: files[0]!, configPath })
}

/** JSON.parse as a Result, so a malformed file becomes a clear message instead of a stack trace. */
export function parseJsonText(text: string, what: string): Result<unknown, Rejection> {
  try {
    return ok(JSON.parse(text) as unknown)
  } catch (e) {
    return err(reject('BAD_REQUEST', { detail: `${what} is not valid JSON: ${(e as Error).message}` }))
  }
}

/** The section of the YAML config document named `key` (an absent file or section means "use the defaults"). */
export function configSection(doc: unknown, key: string): unknown {
  if (doc === null || typeof doc !== 'object') return undefined
  return (doc as Record<string, unknown>)[key]
}
