import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm'

/**
 * Append-only, hash-chained per tenant: hash = sha256(prevHash + canonical entry). A trigger refuses
 * UPDATE, DELETE and TRUNCATE; `npm run audit:verify` recomputes every chain.
 */
@Entity()
@Index(['tenantId', 'seq'], { unique: true })
@Index(['tenantId', 'entity', 'entityId'])
export class AuditLog {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string

  @Column({ type: 'uuid' })
  tenantId!: string

  @Column({ type: 'integer' })
  seq!: number

  @Column({ type: 'timestamptz' })
  at!: Date

  @Column({ type: 'varchar', length: 64 })
  actor!: string

  @Column({ type: 'varchar', length: 32 })
  entity!: string

  @Column({ type: 'varchar', length: 64 })
  entityId!: string

  @Column({ type: 'varchar', length: 32 })
  action!: string

  @Column({ type: 'jsonb', default: {} })
  data!: Record<string, unknown>

  @Column({ type: 'char', length: 64 })
  prevHash!: string

  @Column({ type: 'char', length: 64 })
  hash!: string

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date
}
