import type { CustomerCard, OpportunityCard, QuoteStatus } from '../api/contract.js'

export function aCard(opportunity: Partial<OpportunityCard> | null = {}): CustomerCard {
  return {
    customer: { id: 'cust-1', name: '杭州市第一人民医院' },
    contact: { externalUserId: 'wm-ext-1', name: '王主任', corpName: '杭州市第一人民医院' },
    opportunity: opportunity && {
      id: 'opp-1', title: '放射科 DR 采购',
      node: { key: 'department-visit', name: { zh: '科室拜访', en: 'Department visit' } },
      nextNode: { key: 'director-buy-in', name: { zh: '科主任认可', en: 'Director buy-in' } },
      dueAt: '2026-12-02T10:00:00.000Z', status: 'open', colour: 'blue',
      missing: [{ key: 'department-sign-photo', name: { zh: '科室门牌照片', en: 'Department sign photo' }, kind: 'photo', have: 0, need: 1 }],
      openTasks: [{ id: 't1', title: { zh: '补拍科室门牌', en: 'Photograph the department sign' }, dueAt: null }],
      ...opportunity,
    },
    records: [{ id: 'r1', kind: 'visit', summary: '首次拜访，科主任在', at: '2026-11-26T06:00:00.000Z', by: '李雷' }],
  }
}

export function aQuote(over: Partial<QuoteStatus> = {}): QuoteStatus {
  return {
    status: 'pending_confirmation', progress: 1,
    fields: { amount: 128000, models: ['DR-7000'], quoteDate: '2026-11-20', validUntil: '2026-12-20' },
    confidence: { amount: 0.95, models: 0.9, quoteDate: 0.9, validUntil: 0.9 },
    flags: [],
    ...over,
  }
}
