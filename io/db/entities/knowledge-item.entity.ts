import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'
import type { KnowledgeKind } from '../../../core/dashboard/asset-rate.js'
import type { KnowledgeStatus } from '../../../core/dashboard/knowledge-review.js'
import { TenantScoped } from './tenant-scoped.js'

/**
 * 过程资产: a structured insight, reusable script or SOP, reviewed (draft → reviewed → reusable) by a manager or
 * admin other than its author. `teamId` is the manager heading the author's team when it was written.
 */
@Entity()
@Index(['tenantId', 'teamId', 'approvedAt'])
@Index(['tenantId', 'status'])
export class KnowledgeItem extends TenantScoped {
  @PrimaryGeneratedColumn('uuid')
  id!: string

  @Column({ type: 'varchar', length: 16 })
  kind!: KnowledgeKind

  @Column({ type: 'varchar', length: 200 })
  title!: string

  @Column({ type: 'text' })
  body!: string

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status!: KnowledgeStatus

  @Column({ type: 'uuid' })
  authorId!: string

  @Column({ type: 'uuid' })
  teamId!: string

  /** 科室 the item is about, a key of config/heatmap.yaml's departments; null for general items. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  department!: string | null

  @Column({ type: 'uuid', nullable: true })
  reviewerId!: string | null

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null

  @Column({ type: 'uuid', nullable: true })
  approverId!: string | null

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt!: Date | null
}
