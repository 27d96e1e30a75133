import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'
import { TenantScoped } from './tenant-scoped.js'

/** 联系人: a person at a customer; externalUserId links it to a WeCom external contact. */
@Entity()
@Index(['tenantId', 'externalUserId'], { unique: true, where: '"external_user_id" IS NOT NULL' })
@Index(['tenantId', 'customerId'])
export class Contact extends TenantScoped {
  @PrimaryGeneratedColumn('uuid')
  id!: string

  @Column({ type: 'uuid' })
  customerId!: string

  @Column({ type: 'varchar', length: 100 })
  name!: string

  @Column({ type: 'varchar', length: 64, nullable: true })
  externalUserId!: string | null

  /** Decision-chain role, e.g. 科主任 / 设备科 / 院长. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  role!: string | null

  /** Members who follow this contact in WeCom (客户联系); removed followers stay in history via activities. */
  @Column({ type: 'jsonb', default: [] })
  followerIds!: string[]

  @Column({ type: 'timestamptz', nullable: true })
  deletedAt!: Date | null
}
