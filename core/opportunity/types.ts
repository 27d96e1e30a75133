import type { DeliverableKind } from '../process/schema-deliverables.js'
import type { NodeKey } from '../process/schema.js'

/** 节点实例: one stay of an opportunity in a node. A node visited twice (after a return) has two runs. */
export type NodeRun = {
  id: string
  node: NodeKey
  enteredAt: Date
  /** Pinned at entry from the node's time limit and the calendar of that day. */
  dueAt?: Date
  /** Closed with its deliverables complete. */
  doneAt?: Date
  /** Passed over where the definition allows it (canSkip). */
  skipped?: boolean
  /** Left backwards (sent back to an earlier node) before it was done. */
  returnedAt?: Date
  /** Highest escalation level already sent (0 = none). */
  reminderLevel: number
}

/** 交付物: one piece of evidence, as the edges normalise it (see deliverable-check.ts for `data`). */
export type Deliverable = { id: string; node: NodeKey; key: string; kind: DeliverableKind; data: Record<string, unknown>; arrivedAt: Date }

/** How the opportunity moved: every skip and return is recorded. */
export type Transition = {
  from: NodeKey
  to: NodeKey | null
  kind: 'forward' | 'skip' | 'back' | 'close'
  skipped: NodeKey[]
  at: Date
  byId?: string
  reason?: string
}

/** A deliverable a rule added on top of the node's own (require_deliverable). */
export type Requirement = { node: NodeKey; deliverable: string; ruleId: string }

export type GeoPoint = { lat: number; lng: number }
/** A checked-in visit: photos "taken during the visit" must fall inside one. */
export type Visit = { startedAt: Date; endedAt?: Date }

/** 商机. `definitionVersion` is pinned when it starts; the engine refuses any other version. */
export type Opportunity = {
  id: string
  tenantId: string
  /** What people call it in reminders, e.g. 「某某医院 CT 采购」. */
  title?: string
  ownerId: string
  customerId: string
  processId: string
  definitionVersion: string
  currentNode: NodeKey
  fields: Record<string, unknown>
  nodeRuns: NodeRun[]
  deliverables: Deliverable[]
  requirements?: Requirement[]
  transitions?: Transition[]
  customerLocation?: GeoPoint
  visits?: Visit[]
  /** Communication summaries, newest last or in any order; reminders quote the last three. */
  activities?: { at: Date; summary: string }[]
  closedAt?: Date
}
