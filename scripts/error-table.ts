import { ERRORS } from '../core/errors.js'

export const START = '<!-- errors:start -->'
export const END = '<!-- errors:end -->'

const cell = (s: string) => s.replace(/\|/g, '\\|')

export function errorTable(): string {
  const rows = Object.entries(ERRORS).map(([code, e]) => `| \`${code}\` | ${e.status} | ${cell(e.zh)} | ${cell(e.en)} |`)
  return ['| code | HTTP | 中文 | English |', '|---|---|---|---|', ...rows].join('\n')
}

export function replaceBetweenMarkers(text: string, table: string): string {
  const a = text.indexOf(START)
  const b = text.indexOf(END)
  if (a < 0 || b < a) throw new Error(`README.md needs ${START} … ${END} markers`)
  return `${text.slice(0, a + START.length)}\n${table}\n${text.slice(b)}`
}
