import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'
import { TenantScoped } from './tenant-scoped.js'

/** Raw evidence (photo, voice, quote image) stored by content hash and never overwritten. */
@Entity()
@Index(['tenantId', 'sha256'], { unique: true })
export class Attachment extends TenantScoped {
  @PrimaryGeneratedColumn('uuid')
  id!: string

  @Column({ type: 'char', length: 64 })
  sha256!: string

  @Column({ type: 'varchar', length: 100 })
  mime!: string

  @Column({ type: 'integer' })
  size!: number

  @Column({ type: 'varchar', length: 300 })
  storagePath!: string

  @Column({ type: 'varchar', length: 32 })
  source!: string
}
