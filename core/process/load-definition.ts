import { byPosition, makeIssue, type Issue, type PathProblem } from './issue.js'
import { ProcessSchema, type ProcessDefinition } from './schema.js'
import { contentVersion } from './content-hash.js'
import { crossCheck, type CrossCheckOptions } from './cross-check.js'
import { readYaml, toIssues } from './yaml-source.js'
import { zodProblems } from './zod-problems.js'

export type LoadResult = { definition: ProcessDefinition } | { issues: Issue[] }

/**
 * When only some rules fail the schema, the rest of the file is still cross-checked (with the
 * broken rules left out and paths mapped back), so one run of process:check shows every problem.
 */
function crossCheckDespiteBrokenRules(data: unknown, schemaProblems: readonly PathProblem[], opts: CrossCheckOptions): PathProblem[] {
  const broken = new Set(schemaProblems.map((p) => (p.path[0] === 'rules' && typeof p.path[1] === 'number' ? p.path[1] : -1)))
  const raw = data as { rules?: unknown }
  if (broken.has(-1) || !Array.isArray(raw.rules)) return []
  const kept = raw.rules.map((_, i) => i).filter((i) => !broken.has(i))
  const parsed = ProcessSchema.safeParse({ ...raw, rules: kept.map((i) => (raw.rules as unknown[])[i]) })
  if (!parsed.success) return []
  return crossCheck(parsed.data, opts).map((p) =>
    p.path[0] === 'rules' && typeof p.path[1] === 'number' ? { ...p, path: ['rules', kept[p.path[1]] ?? p.path[1], ...p.path.slice(2)] } : p)
}

/**
 * YAML text → a validated, versioned definition, or every problem found with its line and column.
 * Never half-loads: any issue means no definition. Pass the keyword dictionaries' categories to
 * have keyword rules checked against them too.
 */
export function loadDefinition(text: string, file: string, opts: CrossCheckOptions = {}): LoadResult {
  const read = readYaml(text, file)
  if ('issues' in read) return read
  const parsed = ProcessSchema.safeParse(read.source.data)
  if (!parsed.success) {
    const problems = zodProblems(parsed.error.issues)
    return { issues: toIssues(read.source, [...problems, ...crossCheckDespiteBrokenRules(read.source.data, problems, opts)]).sort(byPosition) }
  }
  const problems = crossCheck(parsed.data, opts)
  if (problems.length > 0) return { issues: toIssues(read.source, problems).sort(byPosition) }
  return { definition: { ...parsed.data, version: contentVersion(parsed.data) } }
}

/** The definition an opportunity runs on: the one whose version it pinned when it started. */
export function findVersion(defs: readonly ProcessDefinition[], processId: string, version: string): ProcessDefinition | undefined {
  return defs.find((d) => d.id === processId && d.version === version)
}

/**
 * Every process file at boot: all definitions, or every issue across all files (the service then
 * refuses to start). Two files declaring the same process id is itself an issue.
 */
export function loadDefinitions(files: readonly { file: string; text: string }[], opts: CrossCheckOptions = {}): { definitions: ProcessDefinition[] } | { issues: Issue[] } {
  const results = files.map((f) => ({ file: f.file, result: loadDefinition(f.text, f.file, opts) }))
  const definitions = results.flatMap((r) => ('definition' in r.result ? [r.result.definition] : []))
  const issues = results.flatMap((r) => ('issues' in r.result ? r.result.issues : []))
  results.forEach((r, i) => {
    if (!('definition' in r.result)) return
    const id = r.result.definition.id
    const earlier = results.slice(0, i).some((o) => 'definition' in o.result && o.result.definition.id === id)
    if (earlier) issues.push(makeIssue(r.file, { line: 1, col: 1 }, 'PROCESS_DUPLICATE_KEY', { key: id }))
  })
  return issues.length > 0 ? { issues } : { definitions }
}
