import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'
import { TenantScoped } from './tenant-scoped.js'

/** 交付物: a piece of evidence for a node (photo, voice summary, quote, form, checklist, file). */
@Entity()
@Index(['tenantId', 'opportunityId', 'node'])
@Index(['tenantId', 'clientId'], { unique: true, where: '"client_id" IS NOT NULL' })
export class Deliverable extends TenantScoped {
  @PrimaryGeneratedColumn('uuid')
  id!: string

  @Column({ type: 'uuid' })
  opportunityId!: string

  @Column({ type: 'uuid', nullable: true })
  nodeRunId!: string | null

  @Column({ type: 'varchar', length: 64 })
  node!: string

  @Column({ type: 'varchar', length: 32 })
  kind!: string

  @Column({ type: 'jsonb', default: {} })
  data!: Record<string, unknown>

  @Column({ type: 'uuid', nullable: true })
  attachmentId!: string | null

  @Column({ type: 'uuid' })
  submittedBy!: string

  @Column({ type: 'timestamptz' })
  arrivedAt!: Date

  /** Id generated on the device, so an offline submission sent twice is stored once. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  clientId!: string | null
}
