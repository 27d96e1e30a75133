/**
 * npm run process:check -- FILE...  Checks process definitions the way the service does at boot,
 * against the keyword dictionaries in config/keywords. Prints every problem as
 * `file:line:col CODE message` and exits 1 if there is any, 0 otherwise.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { loadDefinition } from '../core/process/load-definition.js'
import { formatIssue, makeIssue, type Issue } from '../core/process/issue.js'
import { keywordCategories, parseKeywordsYaml, type KeywordDictionary } from '../core/rules/keywords.js'

const KEYWORDS_DIR = join(import.meta.dirname, '../config/keywords')

function read(file: string): { text: string } | { issue: Issue } {
  try {
    return { text: readFileSync(file, 'utf8') }
  } catch (e) {
    return { issue: makeIssue(file, { line: 0, col: 0 }, 'NOT_FOUND', { what: (e as Error).message }) }
  }
}

function loadKeywords(): { dicts: KeywordDictionary[]; issues: Issue[] } {
  const files = readdirSync(KEYWORDS_DIR).filter((f) => f.endsWith('.yaml')).map((f) => join(KEYWORDS_DIR, f))
  const results = files.map((f) => parseKeywordsYaml(readFileSync(f, 'utf8'), relative(process.cwd(), f)))
  return { dicts: results.flatMap((r) => (r.ok ? [r.value] : [])), issues: results.flatMap((r) => (r.ok ? [] : r.error)) }
}

function check(file: string, categories: readonly string[]): Issue[] {
  const r = read(file)
  if ('issue' in r) return [r.issue]
  const result = loadDefinition(r.text, file, { keywordCategories: categories })
  if ('issues' in result) return result.issues
  console.log(`${file}: ok (${result.definition.id} version ${result.definition.version})`)
  return []
}

const files = process.argv.slice(2)
if (files.length === 0) {
  console.error('usage: npm run process:check -- FILE...')
  process.exitCode = 2
} else {
  const keywords = loadKeywords()
  const issues = [...keywords.issues, ...files.flatMap((f) => check(f, keywordCategories(keywords.dicts)))]
  for (const issue of issues) console.log(formatIssue(issue))
  process.exitCode = issues.length > 0 ? 1 : 0
}
