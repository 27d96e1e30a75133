import { createHash } from 'node:crypto'
import { mkdir, open } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { EntityManager } from 'typeorm'
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js'
import { Attachment } from '../db/entities/attachment.entity.js'

/**
 * Raw evidence stored by content hash and never overwritten: the file is created with O_EXCL, so a second
 * copy of the same bytes finds it in place, and the row is unique per (tenant, sha256).
 */
export async function storeAttachment(m: EntityManager, root: string, a: { tenantId: string; data: Buffer; mime: string; source: string }): Promise<Attachment> {
  const sha256 = createHash('sha256').update(a.data).digest('hex')
  const storagePath = join(a.tenantId, sha256.slice(0, 2), sha256)
  const file = join(root, storagePath)
  await mkdir(dirname(file), { recursive: true })
  try {
    const fh = await open(file, 'wx')
    await fh.writeFile(a.data)
    await fh.close()
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
  }
  await m.createQueryBuilder().insert().into(Attachment)
    .values({ tenantId: a.tenantId, sha256, mime: a.mime, size: a.data.length, storagePath, source: a.source } as QueryDeepPartialEntity<Attachment>)
    .orIgnore().execute()
  return m.findOneByOrFail(Attachment, { tenantId: a.tenantId, sha256 })
}
