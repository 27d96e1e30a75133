import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'
import { TenantScoped } from './tenant-scoped.js'

/** 任务: created by rules (create_task, request_review) or by hand; shown in 待办 and the sidebar. */
@Entity()
@Index(['tenantId', 'idempotencyKey'], { unique: true })
@Index(['tenantId', 'assigneeId', 'doneAt'])
export class Task extends TenantScoped {
  @PrimaryGeneratedColumn('uuid')
  id!: string

  @Column({ type: 'uuid', nullable: true })
  opportunityId!: string | null

  @Column({ type: 'uuid' })
  assigneeId!: string

  @Column({ type: 'varchar', length: 16, default: 'task' })
  kind!: 'task' | 'review'

  @Column({ type: 'varchar', length: 300 })
  title!: string

  @Column({ type: 'jsonb', default: {} })
  data!: Record<string, unknown>

  @Column({ type: 'timestamptz', nullable: true })
  dueAt!: Date | null

  @Column({ type: 'timestamptz', nullable: true })
  doneAt!: Date | null

  @Column({ type: 'varchar', length: 120 })
  idempotencyKey!: string
}
