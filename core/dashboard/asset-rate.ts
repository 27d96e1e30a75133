import { dayToIso, isoToDay, toLocal } from '../timing/beijing-time.js'

export const KNOWLEDGE_KINDS = ['insight', 'script', 'sop'] as const
export type KnowledgeKind = (typeof KNOWLEDGE_KINDS)[number]

export type ApprovedItem = { teamId: string; kind: KnowledgeKind; approvedAt: Date }
export type TeamOpportunity = { teamId: string; createdAt: Date }
export type QuarterRate = { quarter: string; insight: number; script: number; sop: number; approved: number; opportunities: number; rate: number | null }
export type TeamRate = { teamId: string; quarters: QuarterRate[]; trend: { delta: number | null; direction: 'up' | 'down' | 'flat' | null } }

/** 'YYYY-Qn' of a time, in Beijing. */
export function quarterOf(at: Date): string {
  const iso = dayToIso(toLocal(at).day)
  return `${iso.slice(0, 4)}-Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1}`
}

/** The `count` quarters ending with the one holding `at`, oldest first. */
export function lastQuarters(at: Date, count: number): string[] {
  const q = quarterOf(at)
  const index = Number(q.slice(0, 4)) * 4 + Number(q.slice(6)) - 1
  return Array.from({ length: count }, (_, i) => index - (count - 1 - i)).map((n) => `${Math.floor(n / 4)}-Q${(n % 4) + 1}`)
}

/** First day ('YYYY-MM-DD', Beijing) of a 'YYYY-Qn' quarter; null when it is not one. */
export function quarterStart(q: string): string | null {
  const m = /^(\d{4})-Q([1-4])$/.exec(q)
  if (!m) return null
  const iso = `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-01`
  return isoToDay(iso) === null ? null : iso
}

const round = (x: number) => Math.round(x * 10_000) / 10_000

/**
 * 过程资产沉淀率 per team and quarter: (insights + scripts + SOPs approved as reusable in the quarter) ÷ the team's
 * opportunities created in it; null when the team opened none. The trend compares the last two quarters.
 */
export function assetRates(teams: readonly string[], quarters: readonly string[], items: readonly ApprovedItem[], opps: readonly TeamOpportunity[]): TeamRate[] {
  return teams.map((teamId) => {
    const rows = quarters.map((quarter): QuarterRate => {
      const mine = items.filter((i) => i.teamId === teamId && quarterOf(i.approvedAt) === quarter)
      const count = (k: KnowledgeKind) => mine.filter((i) => i.kind === k).length
      const opportunities = opps.filter((o) => o.teamId === teamId && quarterOf(o.createdAt) === quarter).length
      return { quarter, insight: count('insight'), script: count('script'), sop: count('sop'), approved: mine.length, opportunities,
        rate: opportunities ? round(mine.length / opportunities) : null }
    })
    const [prev, last] = [rows.at(-2)?.rate ?? null, rows.at(-1)?.rate ?? null]
    const delta = prev === null || last === null ? null : round(last - prev)
    return { teamId, quarters: rows, trend: { delta, direction: delta === null ? null : delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat' } }
  })
}
