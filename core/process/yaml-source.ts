import { isCollection, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml'
import { makeIssue, type Issue, type PathProblem } from './issue.js'

/** A parsed YAML file that can turn a value's path back into its line and column. */
export type YamlSource = { file: string; data: unknown; doc: Document.Parsed; lines: LineCounter }

export function readYaml(text: string, file: string): { source: YamlSource } | { issues: Issue[] } {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  if (doc.errors.length > 0) {
    return {
      issues: doc.errors.map((e) => {
        const pos = e.linePos?.[0] ?? lines.linePos(e.pos[0])
        return makeIssue(file, pos, 'PROCESS_YAML_SYNTAX', { detail: e.message.split('\n')[0] ?? e.code })
      }),
    }
  }
  return { source: { file, data: doc.toJS({ maxAliasCount: 100 }), doc, lines } }
}

/** The deepest node on `path` that exists; a missing key is reported where its parent starts. */
function deepestNode(doc: Document.Parsed, path: readonly (string | number)[]): Node | null {
  let node: unknown = doc.contents
  for (const segment of path) {
    if (!isCollection(node)) break
    const child: unknown = node.get(segment, true)
    if (!isCollection(child) && !isScalar(child)) break
    node = child
  }
  return isCollection(node) || isScalar(node) ? node : null
}

export function locate(source: YamlSource, path: readonly (string | number)[]): { line: number; col: number } {
  const node = deepestNode(source.doc, path)
  const offset = node?.range?.[0] ?? 0
  return source.lines.linePos(offset)
}

export const toIssues = (source: YamlSource, problems: readonly PathProblem[]): Issue[] =>
  problems.map((p) => makeIssue(source.file, locate(source, p.path), p.code, p.params))
