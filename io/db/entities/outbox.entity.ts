import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'
import { TenantScoped } from './tenant-scoped.js'

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number]

/**
 * Every outbound message. The unique idempotency key (e.g. reminder_<nodeRun>_<level>) is the real
 * once-only guard: a retry or a second worker finds the row and does not send again.
 */
@Entity()
@Index(['tenantId', 'idempotencyKey'], { unique: true })
@Index('idx_outbox_pending', ['notBefore'], { where: `"status" = 'pending'` })
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

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null

  @Column({ type: 'varchar', length: 128, nullable: true })
  platformMsgId!: string | null

  @Column({ type: 'varchar', length: 64, nullable: true })
  errorCode!: string | null

  @Column({ type: 'text', nullable: true })
  errorDetail!: string | null
}
