import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm'

export const CHANNEL_NAMES = ['wecom', 'dingtalk'] as const
export type ChannelName = (typeof CHANNEL_NAMES)[number]

/** 租户: one company. Its channel credentials live here for multi-tenant callbacks (/wecom/:tenant/callback). */
@Entity()
export class Tenant {
  @PrimaryGeneratedColumn('uuid')
  id!: string

  /** Also the tenant's id for tenant_id columns, so every table can be filtered the same way. */
  @Column({ type: 'varchar', length: 64, unique: true })
  slug!: string

  @Column({ type: 'varchar', length: 200 })
  name!: string

  @Column({ type: 'varchar', length: 16, default: 'wecom' })
  channel!: ChannelName

  @Column({ type: 'varchar', length: 64, nullable: true })
  corpId!: string | null

  @Column({ type: 'varchar', length: 32, nullable: true })
  agentId!: string | null

  /** Channel credentials (secret, token, aes key). Never sent to a browser or written to a log. */
  @Column({ type: 'jsonb', default: {} })
  credentials!: Record<string, string>

  @Column({ type: 'jsonb', default: {} })
  settings!: Record<string, unknown>

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date
}
