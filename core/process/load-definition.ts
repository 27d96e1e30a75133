import { byPosition, type Issue } from './issue.js'
import { ProcessSchema, type ProcessDefinition } from './schema.js'
import { contentVersion } from './content-hash.js'
import { crossCheck, type CrossCheckOptions } from './cross-check.js'
import { readYaml, toIssues } from './yaml-source.js'
import { zodProblems } from './zod-problems.js'

export type LoadResult = { definition: ProcessDefinition } | { issues: Issue[] }

/**
 * YAML text → a validated, versioned definition, or every problem found with its line and column.
 * Never half-loads: any issue means no definition. Pass the keyword dictionaries' categories to
 * have keyword rules checked against them too.
 */
export function loadDefinition(text: string, file: string, opts: CrossCheckOptions = {}): LoadResult {
  const read = readYaml(text, file)
  if ('issues' in read) return read
  const parsed = ProcessSchema.safeParse(read.source.data)
  if (!parsed.success) return { issues: toIssues(read.source, zodProblems(parsed.error.issues)).sort(byPosition) }
  const problems = crossCheck(parsed.data, opts)
  if (problems.length > 0) return { issues: toIssues(read.source, problems).sort(byPosition) }
  return { definition: { ...parsed.data, version: contentVersion(parsed.data) } }
}

/** The definition an opportunity runs on: the one whose version it pinned when it started. */
export function findVersion(defs: readonly ProcessDefinition[], processId: string, version: string): ProcessDefinition | undefined {
  return defs.find((d) => d.id === processId && d.version === version)
}
