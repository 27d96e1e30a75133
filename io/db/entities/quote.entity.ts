import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'
import { TenantScoped } from './tenant-scoped.js'

export const QUOTE_STATES = ['queued', 'processing', 'pending_confirmation', 'confirmed', 'failed'] as const
export type QuoteState = (typeof QUOTE_STATES)[number]

/**
 * 报价单: an image read by OCR, then confirmed or corrected by the rep. The OCR values stay beside the
 * confirmed ones, so accuracy in production can be measured from the corrections.
 */
@Entity()
@Index(['tenantId', 'opportunityId'])
@Index(['tenantId', 'clientId'], { unique: true })
export class Quote extends TenantScoped {
  @PrimaryGeneratedColumn('uuid')
  id!: string

  @Column({ type: 'uuid' })
  opportunityId!: string

  @Column({ type: 'uuid' })
  attachmentId!: string

  @Column({ type: 'uuid' })
  createdBy!: string

  @Column({ type: 'varchar', length: 64 })
  clientId!: string

  @Column({ type: 'varchar', length: 24, default: 'queued' })
  status!: QuoteState

  /** What OCR read: amount, models, quoteDate, validUntil. */
  @Column({ type: 'jsonb', default: {} })
  ocr!: Record<string, unknown>

  @Column({ type: 'jsonb', default: {} })
  confidence!: Record<string, number>

  @Column({ type: 'jsonb', default: [] })
  flags!: string[]

  /** What the rep confirmed, whether they corrected it, and which low-confidence fields they accepted unchanged. */
  @Column({ type: 'jsonb', nullable: true })
  confirmed!: Record<string, unknown> | null

  @Column({ type: 'varchar', length: 64, nullable: true })
  errorCode!: string | null

  @Column({ type: 'uuid', nullable: true })
  deliverableId!: string | null

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null
}
