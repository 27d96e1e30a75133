import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'
import type { RecordSource } from './contract.entity.js'
import { TenantScoped } from './tenant-scoped.js'

/** 回款: money received against a contract. */
@Entity()
@Index(['tenantId', 'reference'], { unique: true })
@Index(['tenantId', 'contractId'])
export class Payment extends TenantScoped {
  @PrimaryGeneratedColumn('uuid')
  id!: string

  @Column({ type: 'uuid' })
  contractId!: string

  /** Yuan as a decimal string. */
  @Column({ type: 'numeric', precision: 14, scale: 2 })
  amount!: string

  @Column({ type: 'date' })
  paidOn!: string

  /** 回款单号 (bank or receipt reference): unique per tenant, so importing the same sheet twice stores each payment once. */
  @Column({ type: 'varchar', length: 64 })
  reference!: string

  @Column({ type: 'varchar', length: 8 })
  source!: RecordSource

  @Column({ type: 'uuid' })
  createdBy!: string
}
