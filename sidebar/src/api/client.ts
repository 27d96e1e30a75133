import {
  PATHS, type AdvanceRequest, type AdvanceResponse, type AttachmentFromMediaRequest, type AttachmentPurpose,
  type AttachmentResponse, type Competitor, type CompetitorTalkRequest, type ConfirmQuoteRequest,
  type ConfirmQuoteResponse, type CreateQuoteRequest, type CreateQuoteResponse, type CreatedResponse, type CustomerCard,
  type CustomerSummary, type DevContact, type DevLoginRequest, type DevMember, type JsSdkSignature, type Keyword,
  type ListOf, type Me, type ProposeScriptRequest, type ProposeScriptResponse, type QuoteStatus, type Script,
  type StartOpportunityRequest, type StartOpportunityResponse, type VisitFormSpec, type VisitRequest, type DayPlanView,
} from './contract.js'

import { requestJson, type FetchFn } from './request.js'

export type { FetchFn } from './request.js'

type Body = { json: unknown } | { form: FormData } | undefined

/** Typed calls to the bot. Failures throw ApiError carrying a UiError (network failures have code NETWORK). */
export function createApiClient(fetchFn: FetchFn, baseUrl = '') {
  async function call<T>(method: 'GET' | 'POST', path: string, body?: Body): Promise<T> {
    const init: RequestInit = { method }
    if (body && 'json' in body) {
      init.headers = { 'content-type': 'application/json' }
      init.body = JSON.stringify(body.json)
    } else if (body) init.body = body.form
    return requestJson<T>(fetchFn, baseUrl + path, init)
  }
  const get = <T>(path: string) => call<T>('GET', path)
  const post = <T>(path: string, json: unknown) => call<T>('POST', path, { json })

  return {
    me: () => get<Me>(PATHS.me),
    cardByExternal: (externalUserId: string) => get<CustomerCard>(PATHS.cardByExternal(externalUserId)),
    cardByCustomer: (customerId: string) => get<CustomerCard>(PATHS.cardByCustomer(customerId)),
    searchCustomers: (query: string) => get<ListOf<CustomerSummary>>(PATHS.customers(query)),
    startOpportunity: (req: StartOpportunityRequest) => post<StartOpportunityResponse>(PATHS.opportunities, req),
    advance: (opportunityId: string, req: AdvanceRequest) => post<AdvanceResponse>(PATHS.advance(opportunityId), req),
    uploadFile(clientId: string, purpose: AttachmentPurpose, file: Blob, fileName: string) {
      const form = new FormData()
      form.append('clientId', clientId)
      form.append('purpose', purpose)
      form.append('file', file, fileName)
      return call<AttachmentResponse>('POST', PATHS.attachments, { form })
    },
    attachMedia: (req: AttachmentFromMediaRequest) => post<AttachmentResponse>(PATHS.attachments, req),
    createQuote: (req: CreateQuoteRequest) => post<CreateQuoteResponse>(PATHS.quotes, req),
    quote: (quoteId: string) => get<QuoteStatus>(PATHS.quote(quoteId)),
    confirmQuote: (quoteId: string, req: ConfirmQuoteRequest) => post<ConfirmQuoteResponse>(PATHS.confirmQuote(quoteId), req),
    recordCompetitorTalk: (req: CompetitorTalkRequest) => post<CreatedResponse>(PATHS.activities, req),
    competitors: () => get<ListOf<Competitor>>(PATHS.competitors),
    submitVisit: (req: VisitRequest) => post<CreatedResponse>(PATHS.visits, req),
    visitForm: (opportunityId: string | null) => get<VisitFormSpec>(PATHS.visitForm(opportunityId)),
    keywords: () => get<ListOf<Keyword>>(PATHS.keywords),
    scripts: (node: string) => get<ListOf<Script>>(PATHS.scripts(node)),
    dayPlan: () => get<DayPlanView>(PATHS.dayPlan),
    proposeScript: (req: ProposeScriptRequest) => post<ProposeScriptResponse>(PATHS.proposeScript, req),
    jssdkConfig: (url: string) => get<JsSdkSignature>(PATHS.jssdkConfig(url)),
    agentConfig: (url: string) => get<JsSdkSignature>(PATHS.agentConfig(url)),
    devMembers: () => get<ListOf<DevMember>>(PATHS.devMembers),
    devContacts: () => get<ListOf<DevContact>>(PATHS.devContacts),
    devLogin: (req: DevLoginRequest) => post<unknown>(PATHS.devLogin, req),
  }
}

export type ApiClient = ReturnType<typeof createApiClient>
