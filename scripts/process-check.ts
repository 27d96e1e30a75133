/**
 * npm run process:check -- FILE...  Checks process definitions the way the service does at boot.
 * Prints every problem as `file:line:col CODE message` and exits 1 if there is any, 0 otherwise.
 */
import { readFileSync } from 'node:fs'
import { loadDefinition } from '../core/process/load-definition.js'
import { formatIssue, makeIssue, type Issue } from '../core/process/issue.js'

function check(file: string): Issue[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    return [makeIssue(file, { line: 0, col: 0 }, 'NOT_FOUND', { what: (e as Error).message })]
  }
  const result = loadDefinition(text, file)
  if ('issues' in result) return result.issues
  console.log(`${file}: ok (${result.definition.id} version ${result.definition.version})`)
  return []
}

const files = process.argv.slice(2)
if (files.length === 0) {
  console.error('usage: npm run process:check -- FILE...')
  process.exitCode = 2
} else {
  const issues = files.flatMap(check)
  for (const issue of issues) console.log(formatIssue(issue))
  process.exitCode = issues.length > 0 ? 1 : 0
}
