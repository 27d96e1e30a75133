import { z } from 'zod'
import { makeIssue, type Issue } from '../process/issue.js'
import { locate, readYaml } from '../process/yaml-source.js'
import { err, ok, type Result } from '../result.js'

const Key = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/, 'a key: letters, digits, _')
const Label = { zh: z.string().min(1).max(40), en: z.string().min(1).max(60) }
const Option = z.strictObject({ key: Key, ...Label, score: z.number().min(0).max(100) })
const Field = z.discriminatedUnion('type', [
  z.strictObject({ key: Key, type: z.literal('select'), ...Label, options: z.array(Option).min(1) }),
  z.strictObject({ key: Key, type: z.literal('multi'), ...Label, options: z.array(Option).min(1) }),
  z.strictObject({ key: Key, type: z.literal('number'), ...Label }),
])
const Score = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('option'), field: Key }),
  z.strictObject({ kind: z.literal('gap'), current: Key, potential: Key }),
  z.strictObject({ kind: z.literal('coverage'), field: Key }),
])

const HeatmapSchema = z.strictObject({
  department: z.strictObject({ field: Key, options: z.array(z.strictObject({ key: Key, ...Label })).min(1) }),
  fields: z.array(Field).min(1),
  scores: z.strictObject({ intent: Score, gap: Score, chain: Score }),
}).superRefine((c, ctx) => {
  const fields = new Map(c.fields.map((f) => [f.key, f]))
  c.fields.forEach((f, i) => {
    if (c.fields.findIndex((g) => g.key === f.key) !== i || f.key === c.department.field) {
      ctx.addIssue({ code: 'custom', path: ['fields', i, 'key'], message: `${f.key} is used more than once` })
    }
  })
  const want = (path: (string | number)[], key: string, types: string[]) => {
    const f = fields.get(key)
    if (!f || !types.includes(f.type)) ctx.addIssue({ code: 'custom', path, message: `${key} must be a ${types.join(' or ')} field` })
  }
  for (const name of ['intent', 'gap', 'chain'] as const) {
    const s = c.scores[name]
    if (s.kind === 'option') want(['scores', name, 'field'], s.field, ['select'])
    if (s.kind === 'coverage') want(['scores', name, 'field'], s.field, ['multi'])
    if (s.kind === 'gap') for (const k of ['current', 'potential'] as const) want(['scores', name, k], s[k], ['number'])
  }
})

export type HeatmapConfig = z.output<typeof HeatmapSchema>
export type HeatmapField = HeatmapConfig['fields'][number]
export type ScoreRule = HeatmapConfig['scores']['intent']
export const SCORE_NAMES = ['intent', 'gap', 'chain'] as const
export type ScoreName = (typeof SCORE_NAMES)[number]

/** config/heatmap.yaml: the visit-form fields behind the heatmap and how each score reads them; problems with line and column. */
export function parseHeatmapYaml(text: string, file = 'heatmap.yaml'): Result<HeatmapConfig, Issue[]> {
  const read = readYaml(text, file)
  if ('issues' in read) return err(read.issues)
  const parsed = HeatmapSchema.safeParse(read.source.data)
  if (parsed.success) return ok(parsed.data)
  return err(parsed.error.issues.map((i) => {
    const path = i.path.filter((p): p is string | number => typeof p !== 'symbol')
    return makeIssue(file, locate(read.source, path), 'HEATMAP_CONFIG_INVALID', { detail: `${path.join('.') || '(root)'}: ${i.message}` })
  }))
}
