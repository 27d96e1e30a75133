import { CreateDomain1795766297996 } from './1795766297996-create-domain.js'
import { ProtectAuditLog1795766400000 } from './1795766400000-protect-audit-log.js'
import { AddOutboxLease1795767490276 } from './1795767490276-add-outbox-lease.js'
import { AddQuote1795769811642 } from './1795769811642-add-quote.js'
import { AddContractPayment1795800000000 } from './1795800000000-add-contract-payment.js'
import { AddKnowledgeHeatmap1795810000000 } from './1795810000000-add-knowledge-heatmap.js'
import { NodeRunPeriodIndex1795820000000 } from './1795820000000-node-run-period-index.js'
import { InboxPayloadJson1795830000000 } from './1795830000000-inbox-payload-json.js'

// Every migration, in order. Add new ones at the end; never edit one that has landed.
export const MIGRATIONS = [CreateDomain1795766297996, ProtectAuditLog1795766400000, AddOutboxLease1795767490276, AddQuote1795769811642,
  AddContractPayment1795800000000, AddKnowledgeHeatmap1795810000000, NodeRunPeriodIndex1795820000000,
  InboxPayloadJson1795830000000]
