import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'
import { TenantScoped } from './tenant-scoped.js'

/** 沟通记录: a visit, call, voice note, chat message, competitor talk or approval step, with its summary. */
@Entity()
@Index(['tenantId', 'opportunityId', 'occurredAt'])
@Index(['tenantId', 'customerId', 'occurredAt'])
@Index(['tenantId', 'clientId'], { unique: true, where: '"client_id" IS NOT NULL' })
export class Activity extends TenantScoped {
  @PrimaryGeneratedColumn('uuid')
  id!: string

  @Column({ type: 'uuid', nullable: true })
  opportunityId!: string | null

  @Column({ type: 'uuid', nullable: true })
  customerId!: string | null

  @Column({ type: 'uuid', nullable: true })
  memberId!: string | null

  @Column({ type: 'varchar', length: 32 })
  kind!: string

  @Column({ type: 'text', default: '' })
  summary!: string

  @Column({ type: 'jsonb', default: {} })
  data!: Record<string, unknown>

  @Column({ type: 'timestamptz' })
  occurredAt!: Date

  /** Device time and server receive time are kept apart, for offline syncs and tamper checks. */
  @Column({ type: 'timestamptz', nullable: true })
  deviceAt!: Date | null

  @Column({ type: 'timestamptz' })
  receivedAt!: Date

  @Column({ type: 'varchar', length: 64, nullable: true })
  clientId!: string | null
}
