import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'
import { TenantScoped } from './tenant-scoped.js'

export const MEMBER_ROLES = ['rep', 'manager', 'admin'] as const
export type MemberRole = (typeof MEMBER_ROLES)[number]

/** 成员: a rep, manager or admin, with their direct manager (直属主管) from the org data. */
@Entity()
@Index(['tenantId', 'platformUserId'], { unique: true })
@Index(['tenantId', 'managerId'])
export class Member extends TenantScoped {
  @PrimaryGeneratedColumn('uuid')
  id!: string

  /** WeCom userid / DingTalk userid. */
  @Column({ type: 'varchar', length: 64 })
  platformUserId!: string

  @Column({ type: 'varchar', length: 100 })
  name!: string

  @Column({ type: 'varchar', length: 16, default: 'rep' })
  role!: MemberRole

  @Column({ type: 'uuid', nullable: true })
  managerId!: string | null

  @Column({ type: 'jsonb', default: [] })
  skills!: string[]

  @Column({ type: 'date', nullable: true })
  hireDate!: string | null

  @Column({ type: 'jsonb', default: [] })
  departmentIds!: string[]

  @Column({ type: 'varchar', length: 8, default: 'zh' })
  lang!: 'zh' | 'en'

  @Column({ type: 'boolean', default: true })
  active!: boolean
}
