import type { DeliverableDef, FormFieldDef } from '../../core/process/schema-deliverables.js'
import type { ProcessDefinition } from '../../core/process/schema.js'
import { DEMO_DEMO_QUESTIONS, DEMO_OBJECTIONS, DEMO_PAIN_POINTS, DEMO_SUMMARIES, type DemoProduct } from './demo-data.js'
import { demoAttachment } from './history-photos.js'
import type { Rng } from './history-random.js'
import type { HistoryRows } from './history-rows.js'
import { DAY, type RunPlan } from './history-timeline.js'

export type Person = { id: string; platformUserId: string; name: string }
export type DemoCustomerRef = { id: string; name: string; industry: string; lat: number; lng: number }
export type OppPlan = { id: string; title: string; customer: DemoCustomerRef; owner: Person; product: DemoProduct }
export type EvidenceCtx = { tenantId: string; def: ProcessDefinition; now: Date; rng: Rng; rows: HistoryRows; manager: Person; director: Person }

const iso = (d: Date) => d.toISOString()
const picks = <T>(rng: Rng, xs: readonly T[], n: number): T[] => Array.from({ length: n }, (_, i) => xs[(rng.int(0, xs.length - 1) + i) % xs.length]!)

/** The communication record every piece of evidence leaves, as the sidebar and the bot store it. */
export function activity(c: EvidenceCtx, o: OppPlan, kind: string, when: Date, summary: string, data: Record<string, unknown> = {}, memberId = o.owner.id): string {
  const id = c.rng.uuid()
  const at = new Date(Math.min(when.getTime(), c.now.getTime() - 60_000)) // an approval after a late close is still in the past
  c.rows.activities.push({ id, tenantId: c.tenantId, opportunityId: o.id, customerId: o.customer.id, memberId, kind, summary, data,
    occurredAt: at, deviceAt: kind === 'visit' ? at : null, receivedAt: new Date(at.getTime() + c.rng.int(1, 40) * 1000), createdAt: at, updatedAt: at })
  return id
}

/** A checked-in visit near the customer (GPS within ~80 m), with its on-site photo stored as an attachment. */
export function visit(c: EvidenceCtx, o: OppPlan, at: Date): { visitId: string; photoId: string; lat: number; lng: number } {
  const photoId = c.rng.uuid()
  const photo = demoAttachment(c.tenantId, photoId, o.product.photo, at)
  c.rows.attachments.push(photo)
  const lat = o.customer.lat + (c.rng.next() - 0.5) * 0.0014
  const lng = o.customer.lng + (c.rng.next() - 0.5) * 0.0014
  const painPoints = picks(c.rng, DEMO_PAIN_POINTS, 2)
  const lowAccuracy = c.rng.chance(0.08)
  const visitId = activity(c, o, 'visit', at, ['拜访', ...painPoints].join('：'), {
    location: { lat, lng, accuracy: lowAccuracy ? 180 : c.rng.int(8, 35), coordSystem: 'wgs84' }, photoAttachmentId: photoId,
    photoSha256: photo.sha256, painPoints, nextFollowUpAt: iso(new Date(at.getTime() + 7 * DAY)), keywordsHeard: [],
    anomalies: lowAccuracy ? [{ code: 'GPS_LOW_ACCURACY', accuracyM: 180 }] : [] })
  return { visitId, photoId, lat, lng }
}

const TEXT_VALUES = [['contact', '陈主任'], ['director', '陈主任（科主任）'], ['equipment', '设备科 李科长'], ['president', '分管副院长 周院长']] as const

function formValue(c: EvidenceCtx, o: OppPlan, f: FormFieldDef, at: Date): unknown {
  switch (f.type) {
    case 'text': return TEXT_VALUES.find(([k]) => f.key.includes(k))?.[1] ?? (f.key === 'industry' ? o.customer.industry : '已确认')
    case 'number': return f.key.includes('amount') ? o.product.amount : c.rng.int(300, 3000)
    case 'date': return iso(new Date(at.getTime() + 7 * DAY))
    case 'boolean': return true
    case 'select': return f.options?.[0] ?? ''
    case 'text_list': return picks(c.rng, f.key === 'questions' ? DEMO_DEMO_QUESTIONS : DEMO_PAIN_POINTS, Math.max(f.minItems ?? 1, 2) + 1)
  }
}

/** The quote read by OCR from its image and confirmed by the rep, with its deliverable and record; the approval trail follows. */
function quote(c: EvidenceCtx, o: OppPlan, run: RunPlan, key: string, at: Date): string {
  const quoteId = c.rng.uuid()
  const deliverableId = c.rng.uuid()
  const image = demoAttachment(c.tenantId, quoteId, `quote-${o.product.key}`, at)
  c.rows.attachments.push(image)
  const validUntil = new Date(at.getTime() + 30 * DAY).toISOString().slice(0, 10)
  const ocr = { amount: o.product.amount, models: [...o.product.models], quoteDate: iso(at).slice(0, 10), validUntil }
  const confidence = { amount: 0.97, models: 0.91, quoteDate: 0.88, validUntil: 0.86 }
  const confirmedAt = new Date(at.getTime() + 5 * 60_000)
  c.rows.quotes.push({ id: quoteId, tenantId: c.tenantId, opportunityId: o.id, attachmentId: image.id, createdBy: o.owner.id,
    clientId: `demo-quote-${quoteId}`, status: 'confirmed', ocr, confidence, flags: [], deliverableId, confirmedAt,
    confirmed: { clientId: `demo-quote-${quoteId}`, amount: ocr.amount, models: ocr.models, validUntil, corrected: false, acceptedLowConfidence: [], by: o.owner.id },
    createdAt: at, updatedAt: confirmedAt })
  c.rows.deliverables.push({ id: deliverableId, tenantId: c.tenantId, opportunityId: o.id, nodeRunId: run.id, node: run.node, kind: 'quote',
    data: { key, amount: ocr.amount, models: ocr.models, validUntil, quoteId }, attachmentId: image.id, submittedBy: o.owner.id,
    arrivedAt: confirmedAt, clientId: `demo-quote-${quoteId}`, createdAt: confirmedAt, updatedAt: confirmedAt })
  activity(c, o, 'quote', confirmedAt, `报价 ¥${o.product.amount.toLocaleString('zh-CN')} ${o.product.models.join('、')}`, { quoteId })
  c.rows.audit.push({ tenantId: c.tenantId, at: confirmedAt, actor: `member:${o.owner.platformUserId}`, entity: 'quote', entityId: quoteId,
    action: 'quote.confirmed', data: { amount: ocr.amount, models: ocr.models, validUntil } })
  return deliverableId
}

/** One deliverable as the sidebar submits it (visits, voice notes and quotes also leave their records); its id. */
export function deliverable(c: EvidenceCtx, o: OppPlan, run: RunPlan, d: DeliverableDef, at: Date): string[] {
  const ids: string[] = []
  const push = (data: Record<string, unknown>, when: Date, attachmentId: string | null = null) => {
    const id = c.rng.uuid()
    c.rows.deliverables.push({ id, tenantId: c.tenantId, opportunityId: o.id, nodeRunId: run.id, node: run.node, kind: d.kind,
      data: { key: d.key, ...data }, attachmentId, submittedBy: o.owner.id, arrivedAt: when, clientId: `demo-${id}`, createdAt: when, updatedAt: when })
    ids.push(id)
  }
  switch (d.kind) {
    case 'photo': {
      const v = visit(c, o, at)
      push({ lat: v.lat, lng: v.lng, takenAt: iso(at), visitId: v.visitId }, at, v.photoId)
      break
    }
    case 'voice_summary':
      for (let k = 0; k < d.min; k++) {
        const when = new Date(run.enteredAt.getTime() + ((at.getTime() - run.enteredAt.getTime()) * (k + 1)) / d.min)
        const text = d.minLength >= 30 ? c.rng.pick(DEMO_OBJECTIONS) : c.rng.pick(DEMO_SUMMARIES)
        push({ text, activityId: activity(c, o, 'voice', when, text) }, when)
      }
      break
    case 'quote': ids.push(quote(c, o, run, d.key, at)); break
    case 'form': push({ values: Object.fromEntries(d.fields.map((f) => [f.key, formValue(c, o, f, at)])) }, at); break
    case 'checklist': push({ checked: d.items.map((i) => i.key) }, at); break
    case 'file': push({ name: d.accept?.includes('pdf') ? `${o.customer.name}-合同扫描件.pdf` : '方案演示-封面.png' }, at); break
  }
  return ids
}
