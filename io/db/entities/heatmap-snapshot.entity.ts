import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'
import { TenantScoped } from './tenant-scoped.js'

/** The whole tenant's 科室需求热力图 as the Friday job built it, once per tenant and week (Monday, Beijing). */
@Entity()
@Index(['tenantId', 'week'], { unique: true })
export class HeatmapSnapshot extends TenantScoped {
  @PrimaryGeneratedColumn('uuid')
  id!: string

  @Column({ type: 'date' })
  week!: string

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>
}
