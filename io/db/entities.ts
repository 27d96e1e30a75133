import { Activity } from './entities/activity.entity.js'
import { Attachment } from './entities/attachment.entity.js'
import { AuditLog } from './entities/audit-log.entity.js'
import { Contact } from './entities/contact.entity.js'
import { Contract } from './entities/contract.entity.js'
import { Customer } from './entities/customer.entity.js'
import { Deliverable } from './entities/deliverable.entity.js'
import { HeatmapSnapshot } from './entities/heatmap-snapshot.entity.js'
import { Inbox } from './entities/inbox.entity.js'
import { KnowledgeItem } from './entities/knowledge-item.entity.js'
import { Member } from './entities/member.entity.js'
import { NodeRun } from './entities/node-run.entity.js'
import { Opportunity } from './entities/opportunity.entity.js'
import { Outbox } from './entities/outbox.entity.js'
import { Payment } from './entities/payment.entity.js'
import { ProcessVersion } from './entities/process-version.entity.js'
import { Quote } from './entities/quote.entity.js'
import { Task } from './entities/task.entity.js'
import { Tenant } from './entities/tenant.entity.js'

export const ENTITIES = [
  Tenant, Member, Customer, Contact, Opportunity, NodeRun, Deliverable, Attachment, Activity, Task, Inbox, Outbox,
  AuditLog, ProcessVersion, Quote,
  Contract, Payment,
  KnowledgeItem, HeatmapSnapshot,
]
