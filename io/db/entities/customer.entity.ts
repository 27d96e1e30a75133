import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'
import { TenantScoped } from './tenant-scoped.js'

export type CustomerDepartment = { key: string; name: string }

/** 客户: a hospital, school or company, with its coordinates and departments (科室). */
@Entity()
@Index(['tenantId', 'ownerId'])
export class Customer extends TenantScoped {
  @PrimaryGeneratedColumn('uuid')
  id!: string

  @Column({ type: 'varchar', length: 200 })
  name!: string

  @Column({ type: 'varchar', length: 64, nullable: true })
  industry!: string | null

  @Column({ type: 'uuid', nullable: true })
  ownerId!: string | null

  @Column({ type: 'double precision', nullable: true })
  lat!: number | null

  @Column({ type: 'double precision', nullable: true })
  lng!: number | null

  /** Which datum lat/lng are in; WeCom's getLocation answers GCJ-02 unless asked for WGS-84. */
  @Column({ type: 'varchar', length: 8, default: 'wgs84' })
  coordSystem!: 'wgs84' | 'gcj02'

  @Column({ type: 'varchar', length: 300, nullable: true })
  address!: string | null

  @Column({ type: 'jsonb', default: [] })
  departments!: CustomerDepartment[]
}
