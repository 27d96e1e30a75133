import { canonicalJson } from '../canonical-json.js'

const FNV_OFFSET = 0xcbf29ce484222325n
const FNV_PRIME = 0x100000001b3n
const MASK_64 = 0xffffffffffffffffn

/**
 * FNV-1a 64 over UTF-8 (http://www.isthe.com/chongo/tech/comp/fnv/). Not cryptographic: it names
 * content (definition versions, key parts); tamper evidence is the audit log's job.
 */
export function fnv1a64(text: string): string {
  let hash = FNV_OFFSET
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte)
    hash = (hash * FNV_PRIME) & MASK_64
  }
  return hash.toString(16).padStart(16, '0')
}

export const contentVersion = (value: unknown): string => fnv1a64(canonicalJson(value))
