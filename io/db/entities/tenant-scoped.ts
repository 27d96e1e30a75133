import { Column, CreateDateColumn, UpdateDateColumn } from 'typeorm'

/** Columns every table carries (STYLE.md: tenant_id, created_at, updated_at). */
export abstract class TenantScoped {
  @Column({ type: 'uuid' })
  tenantId!: string

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date
}
