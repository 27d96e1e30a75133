import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'
import { TenantScoped } from './tenant-scoped.js'

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number]

/**
 * Every outbound message. The unique idempotency key (e.g. reminder_<nodeRun>_<level>) is the real
 * once-only guard: a retry or a second worker finds the row and does not send again.
 */
@Entity()
@Index(['tenantId', 'idempotencyKey'], { unique: true })
@Index('idx_outbox_unsent', ['notBefore'], { where: `"status" IN ('pending', 'sending')` })
export class Outbox extends TenantScoped {
  @PrimaryGeneratedColumn('uuid')
  id!: string

  @Column({ type: 'varchar', length: 160 })
  idempotencyKey!: string

  @Column({ type: 'varchar', length: 16 })
  channel!: string

  /** Member id of the recipient. */
  @Column({ type: 'uuid' })
  recipientId!: string

  @Column({ type: 'varchar', length: 32 })
  kind!: string

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>

  @Column({ type: 'varchar', length: 8, default: 'pending' })
  status!: OutboxStatus

  @Column({ type: 'integer', default: 0 })
  attempts!: number

  @Column({ type: 'timestamptz' })
  notBefore!: Date

  /**
   * While `sending`, the claim is valid until this time. A worker that dies mid-send leaves an expired
   * lease; the next claim resends with WeCom's duplicate check on, so the member still sees one message.
   */
  @Column({ type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null

  @Column({ type: 'varchar', length: 128, nullable: true })
  platformMsgId!: string | null

  @Column({ type: 'varchar', length: 64, nullable: true })
  errorCode!: string | null

  @Column({ type: 'text', nullable: true })
  errorDetail!: string | null
}
