/** Runs of one rep at one node, by how they were decided (open and not-reached runs have no verdict yet). */
export type NodeRecord = { memberId: string; name: string; hireDate: string; onTime: number; madeUp: number; overdue: number }
export type CoachingPick = NodeRecord & { decided: number; onTimeRate: number }

/** The calendar date `months` before `now` (UTC), clamped to the month's last day (31 Mar − 1 month = 28/29 Feb). */
export function monthsBefore(now: Date, months: number): string {
  const y = now.getUTCFullYear()
  const m = now.getUTCMonth() - months
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate()
  const d = new Date(Date.UTC(y, m, Math.min(now.getUTCDate(), lastDay)))
  return d.toISOString().slice(0, 10)
}

/**
 * 精准带教: the reps hired on or after `since` with the lowest on-time rate at the node. A rep with no decided run
 * yet has no rate and is left out rather than ranked as 0 %; ties go to the rep with more runs (more evidence).
 */
export function pickForCoaching(records: NodeRecord[], since: string, limit = 3): CoachingPick[] {
  return records
    .filter((r) => r.hireDate >= since)
    .map((r) => ({ ...r, decided: r.onTime + r.madeUp + r.overdue }))
    .filter((r) => r.decided > 0)
    .map((r) => ({ ...r, onTimeRate: r.onTime / r.decided }))
    .sort((a, b) => a.onTimeRate - b.onTimeRate || b.decided - a.decided || a.name.localeCompare(b.name, 'zh'))
    .slice(0, limit)
}
