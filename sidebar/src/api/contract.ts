/**
 * The contract between the chat sidebar and the bot's HTTP API. The bot implements exactly these paths and shapes;
 * every response is JSON, every error is `ApiErrorBody`, and the session is an httpOnly cookie set by the bot
 * (WeCom OAuth or, in dev mode, /auth/dev-login). Creating calls carry a client-generated `clientId` (UUID) so
 * the bot can answer a replay with the first result instead of creating twice.
 */
import type { NodeRunStatus, StatusColour } from '../../../core/timing/node-run-status.js'
import type { DeliverableKind } from '../../../core/process/schema-deliverables.js'
import type { QuoteField, QuoteFlag } from '../../../core/parsing/quote/parse-quote.js'

export type { NodeRunStatus, StatusColour, DeliverableKind, QuoteField, QuoteFlag }
export type I18nText = { zh: string; en: string }
/** ISO 8601 instant with offset, e.g. 2026-11-27T09:30:00+08:00. */
export type IsoTime = string
/** Calendar day, YYYY-MM-DD. */
export type IsoDay = string

export type ApiErrorBody = {
  error: { code: string; message: I18nText; requestId: string; params?: Record<string, unknown> }
}
/** `params` of a 409 DELIVERABLES_MISSING from POST /api/opportunities/:id/advance. */
export type DeliverablesMissingParams = { node: string; missing: string; items: MissingDeliverable[] }

export type NodeRef = { key: string; name: I18nText }
export type MissingDeliverable = { key: string; name: I18nText; kind: DeliverableKind; have: number; need: number }

// GET /api/me
export type Me = {
  member: { id: string; name: string }
  tenant: { id: string; name: string }
  channel: 'wecom' | 'dingtalk' | 'dev'
}

// GET /api/customers/by-external/:externalUserId  and  GET /api/customers/:customerId/card
export type CustomerCard = {
  customer: { id: string; name: string }
  contact: { externalUserId: string; name: string; corpName: string | null } | null
  opportunity: OpportunityCard | null
  /** The newest three, newest first. */
  records: RecordItem[]
}
export type OpportunityCard = {
  id: string
  title: string
  node: NodeRef
  /** null when this node is the last one (advancing closes the opportunity). */
  nextNode: NodeRef | null
  dueAt: IsoTime | null
  status: NodeRunStatus
  colour: StatusColour
  missing: MissingDeliverable[]
  openTasks: TaskItem[]
}
export type TaskItem = { id: string; title: I18nText; dueAt: IsoTime | null }
export type RecordKind = 'visit' | 'quote' | 'competitor_talk' | 'deliverable' | 'node_change' | 'note'
export type RecordItem = { id: string; kind: RecordKind; summary: string; at: IsoTime; by: string }

// GET /api/customers?query=   (picker; at most 50, best match first)
export type CustomerSummary = { id: string; name: string; externalUserId: string | null; nodeName: I18nText | null }
export type ListOf<T> = { items: T[] }

// POST /api/opportunities
export type StartOpportunityRequest = { clientId: string; customerId: string; title?: string }
export type StartOpportunityResponse = { id: string; node: NodeRef }

// POST /api/opportunities/:id/advance   (409 DELIVERABLES_MISSING with DeliverablesMissingParams)
export type AdvanceRequest = { clientId: string; fromNode: string }
export type AdvanceResponse = { node: NodeRef | null }

// POST /api/attachments   multipart/form-data: clientId, purpose, file   — or JSON AttachmentFromMediaRequest
export type AttachmentPurpose = 'quote' | 'visit_photo'
export type AttachmentFromMediaRequest = { clientId: string; purpose: AttachmentPurpose; mediaId: string }
export type AttachmentResponse = { id: string; sha256: string }

// POST /api/quotes
export type CreateQuoteRequest =
  | { clientId: string; opportunityId: string; mediaId: string }
  | { clientId: string; opportunityId: string; attachmentId: string }
export type CreateQuoteResponse = { quoteId: string }

// GET /api/quotes/:id
export const QUOTE_STATES = ['queued', 'processing', 'pending_confirmation', 'confirmed', 'failed'] as const
export type QuoteState = (typeof QUOTE_STATES)[number]
export type QuoteFieldValues = { amount: number | null; models: string[]; quoteDate: IsoDay | null; validUntil: IsoDay | null }
export type QuoteStatus = {
  status: QuoteState
  /** 0..1 */
  progress: number
  fields: QuoteFieldValues
  /** 0..1 per field; 0 when not found. */
  confidence: Record<QuoteField, number>
  /** `<field>_low_confidence` and `<field>_missing` mark what the rep must look at. */
  flags: QuoteFlag[]
  error?: { code: string; message: I18nText }
}

// POST /api/quotes/:id/confirm
export type ConfirmQuoteRequest = {
  clientId: string
  amount: number
  models: string[]
  validUntil: IsoDay | null
  /** true when the rep changed any value the OCR read. */
  corrected: boolean
  /** Low-confidence fields the rep explicitly confirmed unchanged. */
  acceptedLowConfidence: QuoteField[]
}
export type ConfirmQuoteResponse = { quoteId: string; deliverableSatisfied: boolean }

// POST /api/activities
export type CompetitorTalkRequest = {
  clientId: string
  customerId: string
  opportunityId?: string
  kind: 'competitor_talk'
  deviceAt: IsoTime
  text: string
  /** Competitor id from GET /api/competitors. */
  competitor: string
  product: string
  /** Yuan; null when the talk names no price. */
  price: number | null
}
export type CreatedResponse = { id: string }

// GET /api/competitors
export type Competitor = { id: string; name: string; products: string[] }

// POST /api/visits
export type CoordSystem = 'gcj02' | 'wgs84'
export type GeoFix = { lat: number; lng: number; accuracy: number; coordSystem: CoordSystem }
export type VisitRequest = {
  clientId: string
  customerId: string
  opportunityId?: string
  deviceAt: IsoTime
  location: GeoFix | null
  photoAttachmentId: string | null
  painPoints: string[]
  nextFollowUpAt: IsoTime | null
  keywordsHeard: string[]
  /** 科室 and the heatmap answers (GET /api/heatmap-form); left out when no department was chosen. */
  heatmap?: Record<string, string | number | string[]>
}

// GET /api/visit-form?opportunityId=   (without an opportunity: the tenant default)
export const VISIT_FIELDS = ['location', 'photo', 'painPoints', 'nextFollowUpAt'] as const
export type VisitField = (typeof VISIT_FIELDS)[number]
export type VisitFormSpec = { required: VisitField[]; photoWithinM: number | null }

// GET /api/keywords
export type Keyword = { word: string; aliases: string[] }

// GET /api/scripts?node=   and  POST /api/scripts (goes to manager review)
export type Script = { id: string; node: string; title: string; text: string }
export type ProposeScriptRequest = { clientId: string; node: string; kind: 'script' | 'insight'; title: string; text: string }
export type ProposeScriptResponse = { id: string; status: 'pending_review' }

// GET /api/wecom/jssdk-config?url=  and  GET /api/wecom/agent-config?url=   (url without #fragment)
export type JsSdkSignature = { corpId: string; agentId: string; timestamp: number; nonceStr: string; signature: string }

// dev mode only (404 otherwise): GET /api/dev/members, GET /api/dev/contacts, POST /auth/dev-login
export type DevMember = { id: string; name: string }
export type DevContact = { externalUserId: string; name: string; customerName: string }
export type DevLoginRequest = { memberId: string }

/** Browser navigation (not fetch): starts WeCom OAuth (snsapi_base) and returns to `returnTo` with the cookie set. */
export const wecomLoginUrl = (returnTo: string): string => `/auth/wecom/start?returnTo=${encodeURIComponent(returnTo)}`

const seg = encodeURIComponent
export const PATHS = {
  me: '/api/me',
  cardByExternal: (externalUserId: string) => `/api/customers/by-external/${seg(externalUserId)}`,
  cardByCustomer: (customerId: string) => `/api/customers/${seg(customerId)}/card`,
  customers: (query: string) => `/api/customers?query=${seg(query)}`,
  opportunities: '/api/opportunities',
  advance: (opportunityId: string) => `/api/opportunities/${seg(opportunityId)}/advance`,
  attachments: '/api/attachments',
  quotes: '/api/quotes',
  quote: (quoteId: string) => `/api/quotes/${seg(quoteId)}`,
  confirmQuote: (quoteId: string) => `/api/quotes/${seg(quoteId)}/confirm`,
  activities: '/api/activities',
  competitors: '/api/competitors',
  visits: '/api/visits',
  visitForm: (opportunityId: string | null) => `/api/visit-form${opportunityId ? `?opportunityId=${seg(opportunityId)}` : ''}`,
  keywords: '/api/keywords',
  scripts: (node: string) => `/api/scripts?node=${seg(node)}`,
  proposeScript: '/api/scripts',
  jssdkConfig: (url: string) => `/api/wecom/jssdk-config?url=${seg(url)}`,
  agentConfig: (url: string) => `/api/wecom/agent-config?url=${seg(url)}`,
  devMembers: '/api/dev/members',
  devContacts: '/api/dev/contacts',
  devLogin: '/auth/dev-login',
  dayPlan: '/api/day-plan',
} as const

/** GET /api/day-plan: today's route for the signed-in rep (planned visits and due follow-ups), or no plan. */
export type DayPlanLeg = { toId: string | null; arriveAt: string; travelMin: number; late: boolean; links: { amap: string; baidu: string; tencent: string } }
export type DayPlanView = { stops: { id: string; name: string }[]; plan: { travelMin: number; feasible: boolean; legs: DayPlanLeg[] } | null }
