import type { EntityManager } from 'typeorm'
import type { ChannelEvent, CustomerContact } from '../../../io/channels/channel.js'
import { appendAudit } from '../../../io/db/audit.repo.js'
import { Contact } from '../../../io/db/entities/contact.entity.js'
import { Customer } from '../../../io/db/entities/customer.entity.js'
import type { Inbox } from '../../../io/db/entities/inbox.entity.js'
import type { Member } from '../../../io/db/entities/member.entity.js'
import type { JobContext } from '../../job-context.js'
import { recordActivityOnce } from '../../../io/db/activity.repo.js'
import { senderOf, type InboxDeps } from './inbox-context.js'

type ContactEvent = Extract<ChannelEvent, { kind: 'external_contact' }>

/**
 * 客户联系 changes. add → the customer and contact exist, owned by the member who added them; edit → the
 * name is refreshed; del_external_contact / del_follow_user → recorded, the member stops following, and
 * history is never deleted.
 */
export function handleContactChange(d: InboxDeps) {
  return async (row: Inbox, ctx: JobContext) => {
    const ev = row.payload as unknown as ContactEvent
    const member = await senderOf({ ...ev, from: ev.userId }, row.tenantId, d, ctx)
    const channel = await d.channels.forTenant(row.tenantId)
    const wantsDetail = ev.change === 'add_external_contact' || ev.change === 'add_half_external_contact' || ev.change === 'edit_external_contact'
    const detail = wantsDetail && channel.getCustomerContact ? await channel.getCustomerContact(ev.externalUserId) : null
    await ctx.rt.db.transaction(async (tx) => {
      const contact = await tx.findOneBy(Contact, { tenantId: row.tenantId, externalUserId: ev.externalUserId })
      if (detail) await linkContact(tx, row, member, contact, detail)
      else if (contact) await tx.update(Contact, { id: contact.id }, { followerIds: contact.followerIds.filter((f) => f !== member.id) })
      await recordActivityOnce(tx, { tenantId: row.tenantId, customerId: contact?.customerId ?? null, memberId: member.id,
        kind: 'contact_change', summary: ev.change, data: { change: ev.change, externalUserId: ev.externalUserId, state: ev.state ?? null },
        occurredAt: new Date(ev.sentAt), receivedAt: row.receivedAt, clientId: `inbox_${row.id}` })
    })
  }
}

async function linkContact(tx: EntityManager, row: Inbox, member: Member, contact: Contact | null, detail: CustomerContact) {
  if (contact) {
    const followerIds = contact.followerIds.includes(member.id) ? contact.followerIds : [...contact.followerIds, member.id]
    await tx.update(Contact, { id: contact.id }, { name: detail.name, followerIds, deletedAt: null })
    return
  }
  const customerName = detail.corpName?.trim() || detail.name
  const customer = await tx.findOneBy(Customer, { tenantId: row.tenantId, name: customerName })
    ?? await tx.save(tx.create(Customer, { tenantId: row.tenantId, name: customerName, ownerId: member.id }))
  const created = await tx.save(tx.create(Contact, { tenantId: row.tenantId, customerId: customer.id, name: detail.name,
    externalUserId: detail.externalUserId, followerIds: [member.id] }))
  await appendAudit(tx, { tenantId: row.tenantId, at: row.receivedAt, actor: `member:${member.platformUserId}`, entity: 'contact',
    entityId: created.id, action: 'created', data: { customer: customer.name, externalUserId: detail.externalUserId } })
}
