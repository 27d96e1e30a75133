import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

const ASSETS = join(import.meta.dirname, 'assets')
const cache = new Map<string, Buffer>()

/** An attachment row of the demo history, with the bytes to put in storage. */
export type DemoAttachment = {
  id: string; tenantId: string; sha256: string; mime: string; size: number; storagePath: string; source: string
  createdAt: Date; updatedAt: Date; bytes: Buffer
}

/** The same picture with a JPEG comment segment (FF FE) after the start marker: its own bytes, so its own content hash. */
export function jpegWithComment(jpeg: Buffer, note: string): Buffer {
  const text = Buffer.from(note, 'utf8')
  const head = Buffer.from([0xff, 0xfe, 0, 0])
  head.writeUInt16BE(text.length + 2, 2)
  return Buffer.concat([jpeg.subarray(0, 2), head, text, jpeg.subarray(2)])
}

/** One use of a sample image from assets/ (e.g. 'sign-lab', 'quote-dr'), stored where storeAttachment would put it. */
export function demoAttachment(tenantId: string, id: string, asset: string, at: Date): DemoAttachment {
  const jpeg = cache.get(asset) ?? readFileSync(join(ASSETS, `${asset}.jpg`))
  cache.set(asset, jpeg)
  const bytes = jpegWithComment(jpeg, `salespath demo ${id}`)
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  return { id, tenantId, sha256, mime: 'image/jpeg', size: bytes.length, storagePath: join(tenantId, sha256.slice(0, 2), sha256),
    source: 'demo_seed', createdAt: at, updatedAt: at, bytes }
}

/** The files behind the rows; content-addressed, so a file already there is left as it is. */
export async function writeAttachmentFiles(root: string, list: readonly DemoAttachment[]): Promise<void> {
  const dirs = new Set(list.map((a) => dirname(join(root, a.storagePath))))
  await Promise.all([...dirs].map((d) => mkdir(d, { recursive: true })))
  await Promise.all(list.map((a) => writeFile(join(root, a.storagePath), a.bytes, { flag: 'wx' }).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw e
  })))
}
