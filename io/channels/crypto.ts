import { createCipheriv, createDecipheriv, createHash, hash, randomBytes, timingSafeEqual, type Decipher } from 'node:crypto'
import { reject, type Rejection } from '../../core/errors.js'
import { err, ok, type Result } from '../../core/result.js'

// The callback framing shared by WeCom (WC/90968) and DingTalk (push-events): sha1 signature over
// the sorted strings, AES-256-CBC with IV = key[0..16), PKCS#7 padded to 32-byte blocks, plaintext
// laid out as random16 ‖ msg_len (u32 BE) ‖ msg ‖ receiveId. Vectors: shared/PLATFORMS.md §1.7.

const BLOCK = 32
const HEADER = 20 // random16 + msg_len
const KEY_PATTERN = /^[A-Za-z0-9]{43}$/
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

export type Sealed = { encrypt: string; signature: string; timestamp: string; nonce: string }
export type Opened = { message: string; receiveId: string; random: Buffer }

/** EncodingAESKey (43 chars) → the 32-byte AES key, or a refusal a config loader can report. */
export function decodeAesKey(encodingAesKey: string): Result<Buffer, Rejection> {
  if (!KEY_PATTERN.test(encodingAesKey)) return err(reject('CONFIG_INVALID', { issues: 'EncodingAESKey must be 43 letters or digits' }))
  const key = Buffer.from(`${encodingAesKey}=`, 'base64')
  return key.length === 32 ? ok(key) : err(reject('CONFIG_INVALID', { issues: 'EncodingAESKey does not decode to 32 bytes' }))
}

// crypto.hash is the one-shot form (no Hash object per call): every callback computes one.
export function computeSignature(...parts: string[]): string {
  return hash('sha1', parts.sort().join(''))
}

/** Constant-time check of a platform signature; a different length is a plain mismatch (length is not secret). */
export function isSignatureValid(given: string, token: string, timestamp: string, nonce: string, encrypt: string): boolean {
  const expected = Buffer.from(computeSignature(token, timestamp, nonce, encrypt), 'utf8')
  const actual = Buffer.from(given, 'utf8')
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

export function pkcs7Pad(data: Buffer): Buffer {
  const n = BLOCK - (data.length % BLOCK)
  return Buffer.concat([data, Buffer.alloc(n, n)])
}

/** Strict: pad value 1..32 and every pad byte equal, else null (a wrong key or tampered bytes land here). */
export function pkcs7Unpad(data: Buffer): Buffer | null {
  const n = data.at(-1)
  if (n === undefined || n < 1 || n > BLOCK || n > data.length) return null
  for (let i = data.length - n; i < data.length; i++) if (data[i] !== n) return null
  return data.subarray(0, data.length - n)
}

export function encryptMessage(key: Buffer, message: string, receiveId: string, random16: Buffer = randomBytes(16)): string {
  if (random16.length !== 16) throw new RangeError('random16 must be 16 bytes')
  const msg = Buffer.from(message, 'utf8')
  const len = Buffer.alloc(4)
  len.writeUInt32BE(msg.length)
  const plain = pkcs7Pad(Buffer.concat([random16, len, msg, Buffer.from(receiveId, 'utf8')]))
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false)
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64')
}

// One AES-256-ECB decipher per key, made once and reused: CBC decryption is each block's ECB decryption XOR the
// ciphertext block before it (the IV, key[0..16), for the first). ECB keeps no state between whole blocks, so the
// object never needs final(). A CBC Decipheriv per callback (a stream object and a key schedule) was ~3 % of its CPU.
const ecbByKey = new WeakMap<Buffer, Decipher>()

function cbcDecrypt(key: Buffer, cipherText: Buffer): Buffer {
  let ecb = ecbByKey.get(key)
  if (!ecb) {
    ecb = createDecipheriv('aes-256-ecb', key, null).setAutoPadding(false)
    ecbByKey.set(key, ecb)
  }
  const out = ecb.update(cipherText)
  for (let i = out.length - 1; i >= 16; i--) out[i]! ^= cipherText[i - 16]!
  for (let i = 0; i < 16; i++) out[i]! ^= key[i]!
  return out
}

const decryptFailed = (detail: string) => err(reject('CALLBACK_DECRYPT_FAILED', { detail }))

/** Decrypts and checks the framing; the receive id must be exactly the one we expect (CorpID / appKey / suite). */
export function decryptMessage(key: Buffer, encrypt: string, expectedReceiveId: string): Result<Opened, Rejection> {
  const cipherText = Buffer.from(encrypt, 'base64')
  if (cipherText.length === 0 || cipherText.length % 16 !== 0) return decryptFailed('ciphertext length')
  const plain = pkcs7Unpad(cbcDecrypt(key, cipherText))
  if (!plain || plain.length < HEADER) return decryptFailed('padding')
  const msgLen = plain.readUInt32BE(16)
  if (msgLen > plain.length - HEADER) return decryptFailed('length')
  let message: string
  let receiveId: string
  try {
    message = strictUtf8.decode(plain.subarray(HEADER, HEADER + msgLen))
    receiveId = strictUtf8.decode(plain.subarray(HEADER + msgLen))
  } catch {
    return decryptFailed('encoding')
  }
  if (receiveId !== expectedReceiveId) return err(reject('CALLBACK_RECEIVER_MISMATCH'))
  return ok({ message, receiveId, random: Buffer.from(plain.subarray(0, 16)) })
}

export type Envelope = { signature: string; timestamp: string; nonce: string; encrypt: string }
export type Keyring = { token: string; key: Buffer; receiveId: string }

/** Signature first, then decrypt: a forged request never reaches AES. */
export function openEnvelope(ring: Keyring, env: Envelope): Result<Opened, Rejection> {
  if (!isSignatureValid(env.signature, ring.token, env.timestamp, env.nonce, env.encrypt)) return err(reject('CALLBACK_BAD_SIGNATURE'))
  return decryptMessage(ring.key, env.encrypt, ring.receiveId)
}

/** Encrypts and signs a reply (WeCom passive reply, DingTalk `success`) with our own timestamp and nonce. */
export function sealMessage(ring: Keyring, message: string, timestamp: string, nonce: string, random16?: Buffer): Sealed {
  const encrypt = encryptMessage(ring.key, message, ring.receiveId, random16)
  return { encrypt, signature: computeSignature(ring.token, timestamp, nonce, encrypt), timestamp, nonce }
}

/** WeCom's passive-reply XML: element order Encrypt, MsgSignature, TimeStamp, Nonce (byte-exact with E1). */
export function renderReplyXml(s: Sealed): string {
  return `<xml>\n<Encrypt><![CDATA[${s.encrypt}]]></Encrypt>\n<MsgSignature><![CDATA[${s.signature}]]></MsgSignature>\n` +
    `<TimeStamp>${s.timestamp}</TimeStamp>\n<Nonce><![CDATA[${s.nonce}]]></Nonce>\n</xml>`
}

/** JS-SDK config signature (WeCom WC/90506 and DingTalk): fixed key order, no URL encoding, no fragment. */
export function jsapiSignature(ticket: string, nonceStr: string, timestamp: string, url: string): string {
  const page = url.split('#')[0] ?? url
  return createHash('sha1').update(`jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${page}`).digest('hex')
}

export const sha1Hex = (text: string): string => hash('sha1', text)

/** A nonce for signatures; alphanumeric so it needs no escaping in XML, JSON or query strings. */
export function randomNonce(length = 16): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  return Array.from(randomBytes(length), (b) => alphabet[b % alphabet.length]).join('')
}
