import { readdirSync, readFileSync } from 'node:fs'
import { extname, join } from 'node:path'
import { mediaIdForBytes } from '../../io/channels/wecom/callback-builder.js'
import type { FakeMedia } from './wecom-fake-state.js'

const TYPES: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.amr': 'audio/amr', '.pdf': 'application/pdf' }

/**
 * Every image/voice/pdf in `dir`, keyed by the MediaId `npm run wecom:send -- --image FILE` derives from the
 * same bytes, so a demo image message can be fetched back through media/get.
 */
export function mediaFromFolder(dir: string): Record<string, FakeMedia> {
  const out: Record<string, FakeMedia> = {}
  for (const name of readdirSync(dir)) {
    const contentType = TYPES[extname(name).toLowerCase()]
    if (!contentType) continue
    const data = readFileSync(join(dir, name))
    out[mediaIdForBytes(data)] = { data, contentType, fileName: name }
  }
  return out
}
