import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type Router from '@koa/router'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { checkArrival } from '../../core/itinerary/check-arrival.js'
import type { CheckIn } from '../../core/itinerary/check-in.js'
import { DEFAULT_THRESHOLDS, parseThresholds, withCalendars, type ItineraryThresholds } from '../../core/itinerary/thresholds.js'
import { keywordEvents } from '../../core/rules/keywords.js'
import { parseCalendarYaml } from '../../core/timing/calendar-yaml.js'
import { AppError } from '../../io/app-error.js'
import { loadHeatmapConfig } from '../../io/config/heatmap-config.js'
import { parseHeatmapValues } from '../../core/dashboard/heatmap-input.js'
import { CONFIG_DIR } from '../../io/config/process-config.js'
import { Activity } from '../../io/db/entities/activity.entity.js'
import { Attachment } from '../../io/db/entities/attachment.entity.js'
import { Opportunity } from '../../io/db/entities/opportunity.entity.js'
import { insertTask } from '../../io/db/task.repo.js'
import { enqueueRuleEvent } from '../../io/effects.js'
import { definitionFor } from '../../io/handle-event.js'
import { authorizeCustomer, authorizeOpportunity } from '../middleware/authorize.js'
import { sessionOf, type Session, type SessionState } from '../middleware/session.js'
import { apiRouter, isUniqueViolation, readJson, replayedActivity, type SidebarDeps } from './sidebar-api.route.js'
import { visitCheckIn, visitHistory } from './visit-history.route.js'

const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO 8601 time')
const VisitBody = z.object({
  clientId: z.string().min(1).max(64), customerId: z.string(), opportunityId: z.string().optional(), deviceAt: isoTime,
  location: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180), accuracy: z.number().min(0),
    coordSystem: z.enum(['gcj02', 'wgs84']) }).nullable(),
  photoAttachmentId: z.string().uuid().nullable(), painPoints: z.array(z.string().max(2000)).max(50),
  nextFollowUpAt: isoTime.nullable(), keywordsHeard: z.array(z.string().min(1).max(50)).max(100),
  /** 科室 and the heatmap answers (config/heatmap.yaml); optional. */
  heatmap: z.record(z.string(), z.unknown()).nullable().optional(),
})
type VisitBody = z.output<typeof VisitBody>
type VisitField = 'location' | 'photo' | 'painPoints' | 'nextFollowUpAt'
export type VisitFormSpec = { required: VisitField[]; photoWithinM: number | null }

/** config/itinerary.yaml with the shared holiday calendars; defaults when the file is absent. */
export function loadItineraryThresholds(dir = CONFIG_DIR): ItineraryThresholds {
  let raw: unknown = {}
  try {
    raw = (parseYaml(readFileSync(join(dir, 'itinerary.yaml'), 'utf8')) as { itinerary?: unknown } | null)?.itinerary ?? {}
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
  }
  const own = parseThresholds(raw)
  const years = readdirSync(join(dir, 'calendars')).filter((f) => /\.ya?ml$/.test(f)).flatMap((f) => {
    const y = parseCalendarYaml(readFileSync(join(dir, 'calendars', f), 'utf8'), f)
    return y.ok ? [y.value] : []
  })
  return withCalendars(own.ok ? own.value : DEFAULT_THRESHOLDS, years)
}

/** What the visit form requires: location and photo always; the node's photo rule adds how close the photo must be. */
async function formSpec(d: SidebarDeps, s: Session, opportunityId: string | undefined): Promise<VisitFormSpec> {
  if (!opportunityId) return { required: ['location', 'photo'], photoWithinM: null }
  const opp = await authorizeOpportunity(d.db.manager, s, opportunityId)
  const def = await definitionFor(d.db.manager, d.config, s.tenantId, opp.processId, opp.definitionVersion)
  const photo = def?.nodes.find((n) => n.key === opp.currentNode)?.deliverables.find((x) => x.kind === 'photo')
  return { required: ['location', 'photo'], photoWithinM: photo?.kind === 'photo' ? photo.maxDistanceM ?? null : null }
}

/** Visits: idempotent on clientId, device and receive time kept apart, itinerary flags stored (never blocking). */
export function visitRoutes(d: SidebarDeps, thresholds: ItineraryThresholds = loadItineraryThresholds(), heatmapCfg = loadHeatmapConfig()): Router<SessionState> {
  const r = apiRouter(d)
  r.get('/visit-form', async (ctx) => {
    const opportunityId = typeof ctx.query.opportunityId === 'string' ? ctx.query.opportunityId : undefined
    ctx.body = await formSpec(d, sessionOf(ctx), opportunityId)
  })
  r.post('/visits', async (ctx) => {
    const s = sessionOf(ctx)
    const body = await readJson(ctx, VisitBody)
    const answers = body.heatmap ? parseHeatmapValues(heatmapCfg, body.heatmap) : null
    if (answers && !answers.ok) throw new AppError('HEATMAP_FIELD_INVALID', { detail: answers.error })
    if (answers) body.heatmap = answers.value
    const customer = await authorizeCustomer(d.db.manager, s, body.customerId)
    const opp = body.opportunityId ? await authorizeOpportunity(d.db.manager, s, body.opportunityId) : null
    if (opp && opp.customerId !== customer.id) throw new AppError('FORBIDDEN')
    const earlier = await replayedActivity(d, s, body.clientId, 'visit')
    if (earlier) return void (ctx.body = { id: earlier })
    const spec = await formSpec(d, s, opp?.id)
    const photo = await checkRequired(d, s, spec, body)
    try {
      ctx.body = { id: await storeVisit(d, s, body, photo, opp, thresholds) }
      ctx.status = 201
    } catch (e) {
      const first = isUniqueViolation(e) ? await replayedActivity(d, s, body.clientId, 'visit') : null
      if (!first) throw e
      ctx.body = { id: first }
    }
  })
  return r
}

async function checkRequired(d: SidebarDeps, s: Session, spec: VisitFormSpec, b: VisitBody): Promise<Attachment | null> {
  if (spec.required.includes('photo') && !b.photoAttachmentId) throw new AppError('VISIT_PHOTO_REQUIRED')
  const missing = spec.required.filter((f) => (f === 'location' && !b.location) || (f === 'painPoints' && b.painPoints.length === 0)
    || (f === 'nextFollowUpAt' && !b.nextFollowUpAt))
  if (missing.length) throw new AppError('VISIT_FIELD_REQUIRED', { fields: missing.join(', ') })
  if (!b.photoAttachmentId) return null
  const photo = await d.db.manager.findOneBy(Attachment, { tenantId: s.tenantId, id: b.photoAttachmentId })
  if (!photo) throw new AppError('NOT_FOUND', { what: `attachment ${b.photoAttachmentId}` })
  return photo
}

async function storeVisit(d: SidebarDeps, s: Session, b: VisitBody, photo: Attachment | null, opp: Opportunity | null, t: ItineraryThresholds): Promise<string> {
  const receivedAt = new Date()
  const deviceAt = new Date(b.deviceAt)
  const heard = [...new Map(keywordEvents([...b.keywordsHeard, ...b.painPoints].join('\n'), d.config.keywords, 'visit')
    .map((e) => [e.type === 'keyword.heard' ? e.keyword : '', e])).values()]
  const summary = ['拜访', ...b.painPoints].join('：').slice(0, 500)
  const id = await d.db.transaction(async (tx) => {
    const row = await tx.save(tx.create(Activity, { tenantId: s.tenantId, customerId: b.customerId, opportunityId: opp?.id ?? null, memberId: s.memberId,
      kind: 'visit', summary, occurredAt: deviceAt > receivedAt ? receivedAt : deviceAt, deviceAt, receivedAt, clientId: b.clientId,
      data: { location: b.location, photoAttachmentId: photo?.id ?? null, photoSha256: photo?.sha256 ?? null, painPoints: b.painPoints,
        nextFollowUpAt: b.nextFollowUpAt, keywordsHeard: heard.map((e) => (e.type === 'keyword.heard' ? e.keyword : '')), anomalies: [],
        ...(b.heatmap ? { heatmap: b.heatmap } : {}) } }))
    if (b.nextFollowUpAt) {
      await insertTask(tx, { tenantId: s.tenantId, opportunityId: opp?.id ?? null, assigneeId: s.memberId, kind: 'task', title: '跟进拜访',
        data: { title: { zh: '跟进拜访', en: 'Follow-up visit' }, visitId: row.id, customerId: b.customerId },
        dueAt: new Date(b.nextFollowUpAt), idempotencyKey: `visit_followup_${row.id}` })
    }
    return row.id
  })
  if (b.location) await flagItinerary(d, s, id, t)
  if (opp) {
    for (const e of heard) await enqueueRuleEvent(d.queues, { tenantId: s.tenantId, opportunityId: opp.id, event: { ...e, messageId: `visit_${id}` },
      key: `visit-${id}-${e.type === 'keyword.heard' ? e.keyword : ''}` })
  }
  return id
}

/** The arrived visit's anomalies, and those of earlier visits whose verdict the new one changes. */
async function flagItinerary(d: SidebarDeps, s: Session, id: string, t: ItineraryThresholds): Promise<void> {
  const m = d.db.manager
  const row = await m.findOneByOrFail(Activity, { tenantId: s.tenantId, id })
  const arrived = visitCheckIn(row)
  if (!arrived) return
  const history: CheckIn[] = (await visitHistory(m, s.tenantId, row)).flatMap((a) => visitCheckIn(a) ?? [])
  const r = checkArrival(arrived, history, t)
  if (!r.ok) return void d.log.warn({ rejection: r.error, visitId: id }, 'itinerary check skipped')
  for (const v of [r.value.arrived, ...r.value.changed]) {
    await m.query(`UPDATE activity SET data = jsonb_set(data, '{anomalies}', $3::jsonb), updated_at = now() WHERE tenant_id = $1 AND id = $2`,
      [s.tenantId, v.id, JSON.stringify(v.anomalies)])
  }
}
