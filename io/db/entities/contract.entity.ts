import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'
import { TenantScoped } from './tenant-scoped.js'

export const RECORD_SOURCES = ['api', 'import'] as const
export type RecordSource = (typeof RECORD_SOURCES)[number]

/** 合同: a signed contract of an opportunity, recorded through the API or imported from a team's own sheet. */
@Entity()
@Index(['tenantId', 'number'], { unique: true })
@Index(['tenantId', 'opportunityId'])
export class Contract extends TenantScoped {
  @PrimaryGeneratedColumn('uuid')
  id!: string

  @Column({ type: 'uuid' })
  opportunityId!: string

  @Column({ type: 'uuid' })
  customerId!: string

  /** 合同编号, as the team writes it; unique per tenant, so a re-import finds the row it wrote before. */
  @Column({ type: 'varchar', length: 64 })
  number!: string

  /** Yuan as a decimal string (TypeORM returns numeric as string; never parseFloat it). */
  @Column({ type: 'numeric', precision: 14, scale: 2 })
  amount!: string

  /** Calendar day of signing, Beijing time. */
  @Column({ type: 'date' })
  signedOn!: string

  /** The approval (WeCom SpNo) that cleared the contract, when the team names it. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  approvalRef!: string | null

  @Column({ type: 'varchar', length: 8 })
  source!: RecordSource

  @Column({ type: 'uuid' })
  createdBy!: string
}
