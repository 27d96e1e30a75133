import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'
import { TenantScoped } from './tenant-scoped.js'

export const OPPORTUNITY_STATUSES = ['open', 'won', 'lost'] as const
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number]

/** 商机: moves through node runs of the process version it started under. */
@Entity()
@Index(['tenantId', 'ownerId', 'status'])
@Index(['tenantId', 'customerId'])
export class Opportunity extends TenantScoped {
  @PrimaryGeneratedColumn('uuid')
  id!: string

  @Column({ type: 'uuid' })
  customerId!: string

  @Column({ type: 'uuid' })
  ownerId!: string

  @Column({ type: 'varchar', length: 200 })
  title!: string

  @Column({ type: 'varchar', length: 64 })
  processId!: string

  @Column({ type: 'varchar', length: 64 })
  definitionVersion!: string

  @Column({ type: 'varchar', length: 64 })
  currentNode!: string

  @Column({ type: 'jsonb', default: {} })
  fields!: Record<string, unknown>

  /** Money stays a decimal string end to end (TypeORM returns numeric as string; never parseFloat it). */
  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  amount!: string | null

  @Column({ type: 'varchar', length: 8, default: 'open' })
  status!: OpportunityStatus

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null
}
