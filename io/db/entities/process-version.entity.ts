import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'
import { TenantScoped } from './tenant-scoped.js'

/** Each process definition version an opportunity ever started under, so later edits never change it. */
@Entity()
@Index(['tenantId', 'processId', 'version'], { unique: true })
export class ProcessVersion extends TenantScoped {
  @PrimaryGeneratedColumn('uuid')
  id!: string

  @Column({ type: 'varchar', length: 64 })
  processId!: string

  @Column({ type: 'varchar', length: 64 })
  version!: string

  @Column({ type: 'jsonb' })
  definition!: Record<string, unknown>
}
