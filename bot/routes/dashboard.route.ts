import type Router from '@koa/router'
import type { DataSource } from 'typeorm'
import { z } from 'zod'
import { buildMatrix, statusesOfColour, type Matrix } from '../../core/dashboard/matrix.js'
import type { ProcessDefinition } from '../../core/process/schema.js'
import type { Settings } from '../../config/settings.js'
import { AppError } from '../../io/app-error.js'
import type { ProcessConfig } from '../../io/config/process-config.js'
import { canSee, cellRuns, matrixCounts, matrixMembers, scopeOf, subtreeIds, type CellRun, type Period } from '../../io/db/dashboard.repo.js'
import { isUuid } from '../middleware/authorize.js'
import { sessionOf, type Session, type SessionState } from '../middleware/session.js'
import { apiRouter, iso, parseOr400 } from './sidebar-api.route.js'

export type DashboardDeps = { db: DataSource; settings: Settings; config: ProcessConfig }

const DAY = 86_400_000
const MAX_SPAN = 400 * DAY
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/).transform((x) => new Date(x))
  .refine((x) => !Number.isNaN(x.getTime()), 'not a date')
const PeriodQuery = z.object({ processId: z.string().min(1).max(64).optional(), from: day.optional(), to: day.optional() })
export const MatrixQuery = PeriodQuery.extend({ root: z.string().refine(isUuid, 'not a uuid').optional() })
export const CellQuery = PeriodQuery.extend({
  memberId: z.string().refine(isUuid, 'not a uuid'), node: z.string().min(1).max(64),
  colour: z.enum(['green', 'yellow', 'red', 'blue', 'grey']).default('red'),
})

function periodOf(d: DashboardDeps, q: z.output<typeof PeriodQuery>, now: Date): { def: ProcessDefinition; period: Period } {
  const def = q.processId ? d.config.definitions.find((x) => x.id === q.processId) : d.config.definitions[0]
  if (!def) throw new AppError('NOT_FOUND', { what: `process ${q.processId ?? ''}` })
  const to = q.to ?? now
  const from = q.from ?? new Date(to.getTime() - 30 * DAY)
  if (!(from < to) || to.getTime() - from.getTime() > MAX_SPAN) throw new AppError('BAD_REQUEST', { detail: 'from/to: need from < to within 400 days' })
  return { def, period: { processId: def.id, from, to, now } }
}

export type MatrixView = Matrix & { processId: string; from: string; to: string; nodeNames: Record<string, { zh: string; en: string }> }

/** The matrix the caller may see: below `root` when they may see it, else their whole scope; 403 for a root outside it. */
export async function loadMatrix(d: DashboardDeps, s: Session, q: z.output<typeof MatrixQuery>, now = new Date()): Promise<MatrixView> {
  const { def, period } = periodOf(d, q, now)
  const scope = await scopeOf(d.db.manager, s.tenantId, s.memberId)
  if (q.root && !canSee(scope, q.root)) throw new AppError('FORBIDDEN')
  const ids = q.root ? await subtreeIds(d.db.manager, s.tenantId, q.root) : scope.all ? null : scope.memberIds
  const [members, counts] = await Promise.all([
    matrixMembers(d.db.manager, s.tenantId, ids, period), matrixCounts(d.db.manager, s.tenantId, ids, period)])
  const nodes = def.nodes.map((n) => n.key)
  return { ...buildMatrix(members, nodes, counts), processId: def.id, from: period.from.toISOString(), to: period.to.toISOString(),
    nodeNames: Object.fromEntries(def.nodes.map((n) => [n.key, n.name])) }
}

/** The runs behind one cell, if the caller may see that member. */
export async function loadCell(d: DashboardDeps, s: Session, q: z.output<typeof CellQuery>, now = new Date()): Promise<CellRun[]> {
  const { def, period } = periodOf(d, q, now)
  if (!def.nodes.some((n) => n.key === q.node)) throw new AppError('NOT_FOUND', { what: `node ${q.node}` })
  if (!canSee(await scopeOf(d.db.manager, s.tenantId, s.memberId), q.memberId)) throw new AppError('FORBIDDEN')
  return cellRuns(d.db.manager, s.tenantId, { ...period, memberId: q.memberId, node: q.node, statuses: statusesOfColour(q.colour) })
}

export const cellRunJson = (r: CellRun) => ({ ...r, enteredAt: iso(r.enteredAt), dueAt: iso(r.dueAt), doneAt: iso(r.doneAt) })

/** GET /api/dashboard/processes, /matrix and /cell (contract: sidebar/src/api/dashboard-contract.ts). */
export function dashboardRoutes(d: DashboardDeps): Router<SessionState> {
  const r = apiRouter(d)
  r.get('/dashboard/processes', (ctx) => {
    sessionOf(ctx)
    ctx.body = { processes: d.config.definitions.map((p) => ({ id: p.id, name: p.name, nodes: p.nodes.map((n) => ({ key: n.key, name: n.name })) })) }
  })
  r.get('/dashboard/matrix', async (ctx) => {
    ctx.body = await loadMatrix(d, sessionOf(ctx), parseOr400(MatrixQuery, ctx.query))
  })
  r.get('/dashboard/cell', async (ctx) => {
    ctx.body = { runs: (await loadCell(d, sessionOf(ctx), parseOr400(CellQuery, ctx.query))).map(cellRunJson) }
  })
  return r
}
