import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm'

/**
 * Every platform message, stored before it is acknowledged. Unique per (tenant, channel, dedupe key),
 * so a platform retry stores nothing new. processed_at IS NULL rows are what the sweep re-enqueues.
 */
@Entity()
@Index(['tenantId', 'channel', 'dedupeKey'], { unique: true })
@Index('idx_inbox_unprocessed', ['receivedAt'], { where: '"processed_at" IS NULL' })
export class Inbox {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string

  @Column({ type: 'uuid' })
  tenantId!: string

  @Column({ type: 'varchar', length: 16 })
  channel!: string

  @Column({ type: 'varchar', length: 128 })
  dedupeKey!: string

  @Column({ type: 'varchar', length: 64 })
  eventType!: string

  /** The normalised event (json: written once per callback, read once); the decrypted plaintext is kept too, for replay and audits. */
  @Column({ type: 'json' })
  payload!: Record<string, unknown>

  @Column({ type: 'text' })
  raw!: string

  @Column({ type: 'timestamptz' })
  receivedAt!: Date

  @Column({ type: 'timestamptz', nullable: true })
  processedAt!: Date | null

  @Column({ type: 'integer', default: 0 })
  attempts!: number

  @Column({ type: 'varchar', length: 64, nullable: true })
  errorCode!: string | null

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date
}
