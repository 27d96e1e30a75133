import { renderMessage, type ErrorCode, type Params } from '../errors.js'

/** One problem in a config file, located by line and column (1-based), in Chinese and English. */
export type Issue = { file: string; line: number; col: number; code: ErrorCode; zh: string; en: string }

/** A problem found before its location is known: the path of the offending value in the YAML tree. */
export type PathProblem = { path: readonly (string | number)[]; code: ErrorCode; params: Params }

export function makeIssue(file: string, pos: { line: number; col: number }, code: ErrorCode, params: Params): Issue {
  return { file, line: pos.line, col: pos.col, code, ...renderMessage(code, params) }
}

/** `file:line:col CODE message`, the format `process:check` prints. */
export const formatIssue = (i: Issue): string => `${i.file}:${i.line}:${i.col} ${i.code} ${i.zh} / ${i.en}`

export const byPosition = (a: Issue, b: Issue): number => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col
