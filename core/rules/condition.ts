import jsonLogic from 'json-logic-js'
import type { PathProblem } from '../process/issue.js'
import { FORBIDDEN_SEGMENTS } from './facts.js'

/** A json-logic expression (https://jsonlogic.com), as written under `when:` in a rule. */
export type Condition = Record<string, unknown>

/** Operators a rule may use: comparisons, logic and arithmetic. No `method` (removed in v2 after an RCE advisory), no data-walking loops. */
export const ALLOWED_OPERATORS: ReadonlySet<string> = new Set([
  'var', 'missing', 'missing_some', '==', '===', '!=', '!==', '!', '!!', 'and', 'or', 'if', '?:',
  '>', '>=', '<', '<=', 'in', 'min', 'max', '+', '-', '*', '/', '%', 'cat',
])

type Path = (string | number)[]

function checkFactPath(path: unknown, at: Path, known: ReadonlySet<string>, out: PathProblem[]): void {
  if (typeof path !== 'string') {
    out.push({ path: at, code: 'PROCESS_FACT_UNKNOWN', params: { path: JSON.stringify(path) ?? 'undefined' } })
  } else if (path.split('.').some((s) => FORBIDDEN_SEGMENTS.has(s))) {
    out.push({ path: at, code: 'PROCESS_FORBIDDEN_PATH', params: { path } })
  } else if (!known.has(path)) {
    out.push({ path: at, code: 'PROCESS_FACT_UNKNOWN', params: { path } })
  }
}

function checkPaths(op: string, arg: unknown, at: Path, known: ReadonlySet<string>, out: PathProblem[]): void {
  const args = Array.isArray(arg) ? arg : [arg]
  if (op === 'var') checkFactPath(args[0], at, known, out)
  if (op === 'missing') args.forEach((p, i) => checkFactPath(p, [...at, i], known, out))
  if (op === 'missing_some') {
    const list: unknown = args[1]
    if (Array.isArray(list)) list.forEach((p, i) => checkFactPath(p, [...at, 1, i], known, out))
    else checkFactPath(list, [...at, 1], known, out)
  }
}

function walk(node: unknown, at: Path, known: ReadonlySet<string>, out: PathProblem[]): void {
  if (Array.isArray(node)) return node.forEach((x, i) => walk(x, [...at, i], known, out))
  if (node === null || typeof node !== 'object') return
  const keys = Object.keys(node)
  const op = keys.length === 1 ? (keys[0] as string) : `{${keys.join(',')}}`
  if (!ALLOWED_OPERATORS.has(op)) {
    out.push({ path: at, code: 'PROCESS_OPERATOR_NOT_ALLOWED', params: { op } })
    return
  }
  const arg = (node as Record<string, unknown>)[op]
  checkPaths(op, arg, [...at, op], known, out)
  if (op !== 'var') walk(arg, [...at, op], known, out)
}

/** Load-time check: whitelisted operators only, and `var` paths among the known facts. */
export function validateCondition(cond: unknown, known: ReadonlySet<string>, at: Path = []): PathProblem[] {
  const out: PathProblem[] = []
  walk(cond, at, known, out)
  return out
}

const usesOnlyAllowedOperators = (cond: unknown): boolean => validateCondition(cond, { has: () => true } as unknown as ReadonlySet<string>).length === 0

/**
 * The one place conditions are evaluated. Definitions are checked at load, so the operator check
 * here is a second fence for callers that pass conditions from elsewhere: anything unknown is false.
 */
export function evaluateCondition(cond: Condition | undefined, facts: Record<string, unknown>): boolean {
  if (cond === undefined) return true
  if (!usesOnlyAllowedOperators(cond)) return false
  return Boolean(jsonLogic.apply(cond as jsonLogic.RulesLogic, facts))
}
