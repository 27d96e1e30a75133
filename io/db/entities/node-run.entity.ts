import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'
import { TenantScoped } from './tenant-scoped.js'

/** 节点实例: one stay of an opportunity in one node. */
@Entity()
@Index(['tenantId', 'opportunityId'])
// The sweep looks only at open runs whose next reminder is due; a partial index keeps that scan small.
@Index('idx_node_run_open_reminder', ['nextReminderAt'], { where: '"done_at" IS NULL' })
// The process-health matrix counts a period's runs from this index alone (an index-only scan): the period first, then
// every column the status needs as trailing key columns, since TypeORM's index metadata cannot say INCLUDE.
@Index('idx_node_run_period', ['tenantId', 'enteredAt', 'opportunityId', 'node', 'dueAt', 'doneAt', 'exit'])
export class NodeRun extends TenantScoped {
  @PrimaryGeneratedColumn('uuid')
  id!: string

  @Column({ type: 'uuid' })
  opportunityId!: string

  @Column({ type: 'varchar', length: 64 })
  node!: string

  @Column({ type: 'timestamptz' })
  enteredAt!: Date

  @Column({ type: 'timestamptz', nullable: true })
  dueAt!: Date | null

  @Column({ type: 'timestamptz', nullable: true })
  doneAt!: Date | null

  /** How the run ended: advanced, skipped (where allowed) or moved back. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  exit!: 'advanced' | 'skipped' | 'back' | null

  @Column({ type: 'smallint', default: 0 })
  reminderLevel!: number

  /** When the next reminder is due; the sweep finds reminders whose delayed job was lost. */
  @Column({ type: 'timestamptz', nullable: true })
  nextReminderAt!: Date | null
}
