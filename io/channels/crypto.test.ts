import { createCipheriv } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  computeSignature, decodeAesKey, decryptMessage, encryptMessage, isSignatureValid, jsapiSignature, openEnvelope,
  pkcs7Pad, pkcs7Unpad, renderReplyXml, sealMessage, type Keyring,
} from './crypto.js'

// Official vectors copied verbatim from shared/PLATFORMS.md §1.7 (WeCom samples, wechatpy, DingTalk debug sample).
const OFFICIAL = [
  {
    name: "V1",
    token: "QDG6eK",
    encodingAESKey: "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
    receiveId: "wx5823bf96d3bd56c7",
    timestamp: "1409659589",
    nonce: "263014780",
    msg_signature: "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3",
    encrypt: "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==",
    expectedPlaintext: "1616140317555161061",
    expectedRandom16: "c41b64491c2468d0",
  },
  {
    name: "V2",
    token: "QDG6eK",
    encodingAESKey: "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
    receiveId: "wx5823bf96d3bd56c7",
    timestamp: "1409659813",
    nonce: "1372623149",
    msg_signature: "477715d11cdb4164915debcba66cb864d751f3e6",
    encrypt: "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==",
    expectedPlaintext: "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n<FromUserName><![CDATA[mycreate]]></FromUserName>\n<CreateTime>1409659813</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[hello]]></Content>\n<MsgId>4561255354251345929</MsgId>\n<AgentID>218</AgentID>\n</xml>",
    expectedRandom16: "0960688932c47ef1",
  },
  {
    name: "V3",
    token: "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo",
    encodingAESKey: "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt",
    receiveId: "ww1436e0e65a779aee",
    timestamp: "1476416373",
    nonce: "47744683",
    msg_signature: "012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb",
    encrypt: "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==",
    expectedPlaintext: "1288432023552776189",
    expectedRandom16: "8908d0ff052afda0",
  },
  {
    name: "V5",
    token: "123456",
    encodingAESKey: "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR",
    receiveId: "wx49f0ab532d5d035a",
    timestamp: "1411443780",
    nonce: "437374425",
    msg_signature: "dd6b9c95b495b3f7e2901bfbc76c664930ffdb96",
    encrypt: "4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==",
    expectedPlaintext: "5927782489442352469",
    expectedRandom16: "2304fc2fe146f1f8",
  },
  {
    name: "V6",
    token: "123456",
    encodingAESKey: "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR",
    receiveId: "wx49f0ab532d5d035a",
    timestamp: "1411525903",
    nonce: "461056294",
    msg_signature: "74d92dfeb87ba7c714f89d98870ae5eb62dff26d",
    encrypt: "RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=",
    expectedPlaintext: "<xml><ToUserName><![CDATA[wx49f0ab532d5d035a]]></ToUserName>\n<FromUserName><![CDATA[messense]]></FromUserName>\n<CreateTime>1411525903</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n<MsgId>4363689963896700987</MsgId>\n<AgentID>1</AgentID>\n</xml>",
    expectedRandom16: "ec90b1530358d4d3",
  },
  {
    name: "D1",
    token: "123456",
    encodingAESKey: "4g5j64qlyl3zvetqxz5jiocdr586fn2zvjpa8zls3ij",
    receiveId: "suite4xxxxxxxxxxxxxxx",
    timestamp: "1445827045067",
    nonce: "nEXhMP4r",
    msg_signature: "5a65ceeef9aab2d149439f82dc191dd6c5cbe2c0",
    encrypt: "1a3NBxmCFwkCJvfoQ7WhJHB+iX3qHPsc9JbaDznE1i03peOk1LaOQoRz3+nlyGNhwmwJ3vDMG+OzrHMeiZI7gTRWVdUBmfxjZ8Ej23JVYa9VrYeJ5as7XM/ZpulX8NEQis44w53h1qAgnC3PRzM7Zc/D6Ibr0rgUathB6zRHP8PYrfgnNOS9PhSBdHlegK+AGGanfwjXuQ9+0pZcy0w9lQ==",
    expectedPlaintext: "{\"EventType\":\"check_create_suite_url\",\"Random\":\"LPIdSnlF\",\"TestSuiteKey\":\"suite4xxxxxxxxxxxxxxx\"}",
    expectedRandom16: "hU3bEfGZZewzhG5a",
  },
]
const E1 = {
  token: "123456",
  encodingAESKey: "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR",
  receiveId: "wx49f0ab532d5d035a",
  timestamp: "1411525903",
  nonce: "461056294",
  random16: "1234567890123456",
  replyPlaintext: "<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>\n<ToUserName><![CDATA[messense]]></ToUserName>\n<AgentID>1</AgentID>\n<CreateTime>1411525903</CreateTime>\n</xml>",
  expectedEncrypt: "9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3",
  expectedMsgSignature: "407518b7649e86ef23978113f92d27afa9296533",
}
const E2 = {
  encrypt: "t5BhzMl4vwWDGqbT+PBJEQ864I8Yet7AmifbxRHIUY3Gokshny9LC+jKYwKsveoFbilBD5qI8U0brkEo6DMkTw==",
  msg_signature: "90635e9e91cc70124bb39fb15d24787a09afb3f9",
  timeStamp: "1445827045067",
  nonce: "nEXhMP4r",
}

const keyOf = (encodingAesKey: string): Buffer => {
  const k = decodeAesKey(encodingAesKey)
  if (!k.ok) throw new Error(`bad test key ${encodingAesKey}`)
  return k.value
}
const ringOf = (v: { token: string; encodingAESKey: string; receiveId: string }): Keyring =>
  ({ token: v.token, key: keyOf(v.encodingAESKey), receiveId: v.receiveId })
const envOf = (v: (typeof OFFICIAL)[number]) =>
  ({ signature: v.msg_signature, timestamp: v.timestamp, nonce: v.nonce, encrypt: v.encrypt })
const V1 = OFFICIAL[0]!
const V5 = OFFICIAL[3]!
const D1 = OFFICIAL[5]!

describe('official vectors', () => {
  it.each(OFFICIAL)('$name: signature matches', (v) => {
    expect(computeSignature(v.token, v.timestamp, v.nonce, v.encrypt)).toBe(v.msg_signature)
    expect(isSignatureValid(v.msg_signature, v.token, v.timestamp, v.nonce, v.encrypt)).toBe(true)
  })

  it.each(OFFICIAL)('$name: opens to the expected plaintext, receive id and random16', (v) => {
    const opened = openEnvelope(ringOf(v), envOf(v))
    expect(opened).toEqual({ ok: true, value: { message: v.expectedPlaintext, receiveId: v.receiveId, random: Buffer.from(v.expectedRandom16) } })
  })

  it.each(OFFICIAL)('$name: re-encrypts byte for byte with the recovered random16', (v) => {
    expect(encryptMessage(keyOf(v.encodingAESKey), v.expectedPlaintext, v.receiveId, Buffer.from(v.expectedRandom16))).toBe(v.encrypt)
  })

  it('E1: seals a passive reply exactly as wechatpy does, envelope included', () => {
    const sealed = sealMessage(ringOf(E1), E1.replyPlaintext, E1.timestamp, E1.nonce, Buffer.from(E1.random16))
    expect(sealed).toEqual({ encrypt: E1.expectedEncrypt, signature: E1.expectedMsgSignature, timestamp: E1.timestamp, nonce: E1.nonce })
    expect(renderReplyXml(sealed)).toBe(
      `<xml>\n<Encrypt><![CDATA[${E1.expectedEncrypt}]]></Encrypt>\n<MsgSignature><![CDATA[${E1.expectedMsgSignature}]]></MsgSignature>\n` +
      `<TimeStamp>1411525903</TimeStamp>\n<Nonce><![CDATA[461056294]]></Nonce>\n</xml>`)
  })

  it('E2: seals DingTalk\'s "success" reply with D1\'s key and owner key', () => {
    const sealed = sealMessage(ringOf(D1), 'success', E2.timeStamp, E2.nonce, Buffer.from('aaaabbbbccccdddd'))
    expect(sealed).toEqual({ encrypt: E2.encrypt, signature: E2.msg_signature, timestamp: E2.timeStamp, nonce: E2.nonce })
  })

  it('a sealed reply opens again with a fresh random16 each time', () => {
    const ring = ringOf(V1)
    const a = sealMessage(ring, '回复 reply', '1700000000', 'n1')
    const b = sealMessage(ring, '回复 reply', '1700000000', 'n1')
    expect(a.encrypt).not.toBe(b.encrypt)
    const opened = openEnvelope(ring, a)
    expect(opened.ok && opened.value.message).toBe('回复 reply')
  })
})

describe('JS-SDK signature vectors', () => {
  const ticket = 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg'
  it.each([
    ['WeCom WC/90506', ticket, 'Wm3WZYTPz0wzccnW', '1414587457', 'http://mp.weixin.qq.com?params=value', '0f9de62fce790f9a083d5c99e95740ceb90c27ed'],
    ['WeCom, fragment stripped', ticket, 'Wm3WZYTPz0wzccnW', '1414587457', 'http://mp.weixin.qq.com?params=value#/deal/7', '0f9de62fce790f9a083d5c99e95740ceb90c27ed'],
    ['WeChat MP variant', ticket, 'Wm3WZYTPz0wzccnW', '1414587457', 'http://mp.weixin.qq.com', 'f4d90daf4b3bca3078ab155816175ba34c443a7b'],
    ['DingTalk, UTF-8 url', 'raj3X1Z2OIYqxuQ29WVK1uvhIvrsXC4qPwYE1KQ174zx7MfhX2qHKdtFE2XdUxbdp1WfoctcNCmBfbfYEJj5um', 'abcdefg', '1440678945', 'http://调用jsapi页面', '750d0719eeb810f6fa12b04d87d0d7789c4bc64f'],
  ])('%s', (_name, t, nonce, ts, url, expected) => {
    expect(jsapiSignature(t, nonce, ts, url)).toBe(expected)
  })
})

describe('refusals', () => {
  const flipByte = (b64: string, at: number): string => {
    const buf = Buffer.from(b64, 'base64')
    buf[at] = (buf[at] ?? 0) ^ 0x01
    return buf.toString('base64')
  }
  const V2 = OFFICIAL[1]!

  it.each([
    ['a tampered ciphertext (signature still the original)', V2, { ...envOf(V2), encrypt: flipByte(V2.encrypt, 40) }],
    ['a nonce changed by one digit (wechatpy should_fail)', V5, { ...envOf(V5), nonce: '437374424' }],
    ['a forged signature of a different length', V1, { ...envOf(V1), signature: `${V1.msg_signature}00` }],
    ['an empty signature', V1, { ...envOf(V1), signature: '' }],
    ['the signature in upper case', V1, { ...envOf(V1), signature: V1.msg_signature.toUpperCase() }],
    ['another token', { ...V1, token: 'QDG6eL' }, envOf(V1)],
  ])('rejects %s with CALLBACK_BAD_SIGNATURE', (_name, vector, env) => {
    expect(openEnvelope(ringOf(vector), env)).toEqual({ ok: false, error: { code: 'CALLBACK_BAD_SIGNATURE' } })
  })

  it('rejects V1 decrypted with V5\'s key (garbage never passes as a message)', () => {
    const r = decryptMessage(keyOf(V5.encodingAESKey), V1.encrypt, V1.receiveId)
    expect(r.ok).toBe(false)
    expect(!r.ok && ['CALLBACK_DECRYPT_FAILED', 'CALLBACK_RECEIVER_MISMATCH']).toContain(!r.ok && r.error.code)
  })

  it('rejects a valid message addressed to another corp', () => {
    expect(decryptMessage(keyOf(V1.encodingAESKey), V1.encrypt, 'ww-someone-else')).toEqual({ ok: false, error: { code: 'CALLBACK_RECEIVER_MISMATCH' } })
  })

  it('rejects tampered ciphertext when only decryption is asked (flipped last block → padding)', () => {
    const buf = Buffer.from(V2.encrypt, 'base64')
    const r = decryptMessage(keyOf(V2.encodingAESKey), flipByte(V2.encrypt, buf.length - 1), V2.receiveId)
    expect(r).toEqual({ ok: false, error: { code: 'CALLBACK_DECRYPT_FAILED', params: { detail: 'padding' } } })
  })

  const craft = (body: Buffer, pad: Buffer): string => {
    const key = keyOf(V1.encodingAESKey)
    const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false)
    return Buffer.concat([cipher.update(Buffer.concat([body, pad])), cipher.final()]).toString('base64')
  }
  const frame = (len: number, msg: string, id: string): Buffer => {
    const l = Buffer.alloc(4)
    l.writeUInt32BE(len)
    return Buffer.concat([Buffer.from('0123456789abcdef'), l, Buffer.from(msg), Buffer.from(id)])
  }
  const padFor = (b: Buffer, fill?: number): Buffer => {
    const n = 32 - (b.length % 32)
    const p = Buffer.alloc(n, n)
    if (fill !== undefined) p[0] = fill
    return p
  }

  it.each([
    ['msg_len beyond the plaintext (length overflow)', frame(4096, 'hi', V1.receiveId), undefined, 'length'],
    ['msg_len of 0xFFFFFFFF', frame(0xffffffff, 'hi', V1.receiveId), undefined, 'length'],
    ['inconsistent pad bytes', frame(2, 'hi', V1.receiveId), 0x07, 'padding'],
  ])('rejects %s', (_name, body, fill, detail) => {
    const enc = craft(body, padFor(body, fill))
    expect(decryptMessage(keyOf(V1.encodingAESKey), enc, V1.receiveId)).toEqual({ ok: false, error: { code: 'CALLBACK_DECRYPT_FAILED', params: { detail } } })
  })

  it('rejects a pad value of 0 and of 33', () => {
    const body = frame(2, 'hi', V1.receiveId)
    for (const bad of [0, 33]) {
      const n = 32 - (body.length % 32)
      const enc = craft(body, Buffer.alloc(n, bad))
      expect(decryptMessage(keyOf(V1.encodingAESKey), enc, V1.receiveId)).toEqual({ ok: false, error: { code: 'CALLBACK_DECRYPT_FAILED', params: { detail: 'padding' } } })
    }
  })

  it.each([
    ['empty', ''],
    ['not a multiple of the AES block', Buffer.alloc(20).toString('base64')],
  ])('rejects %s ciphertext', (_name, enc) => {
    expect(decryptMessage(keyOf(V1.encodingAESKey), enc, V1.receiveId)).toEqual({ ok: false, error: { code: 'CALLBACK_DECRYPT_FAILED', params: { detail: 'ciphertext length' } } })
  })

  it.each([['too short', 'abc'], ['44 chars', `${V1.encodingAESKey}A`], ['symbols', `${V1.encodingAESKey.slice(0, 42)}+`]])('refuses an EncodingAESKey that is %s', (_n, k) => {
    expect(decodeAesKey(k).ok).toBe(false)
  })
})

describe('PKCS#7 with 32-byte blocks', () => {
  it.each([0, 1, 31, 32, 33, 64])('pads %i bytes to a multiple of 32 and strips it again', (n) => {
    const padded = pkcs7Pad(Buffer.alloc(n, 0x61))
    expect(padded.length % 32).toBe(0)
    expect(padded.length - n).toBe(32 - (n % 32))
    expect(pkcs7Unpad(padded)?.length).toBe(n)
  })
  it('refuses an empty buffer', () => expect(pkcs7Unpad(Buffer.alloc(0))).toBeNull())
})

describe('properties', () => {
  const ring: Keyring = { token: 'salespath-demo-token', key: keyOf('jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C'), receiveId: 'wwsalespathdemo' }

  it('any UTF-8 message seals and opens to itself', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.stringMatching(/^\d{10}$/), fc.stringMatching(/^[a-z0-9]{1,16}$/), (msg, ts, nonce) => {
      const sealed = sealMessage(ring, msg, ts, nonce)
      const opened = openEnvelope(ring, sealed)
      return opened.ok && opened.value.message === msg
    }), { numRuns: 200 })
  })

  it('messages under several keys, refusals between them, each open to themselves (one reused AES object per key)', () => {
    const rings = ['jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', 'kWxPEUeXEXD7P5pRyzTVbz7TsoZvBM9WswrC3TAVwV2', 'a'.repeat(43)]
      .map((k, i): Keyring => ({ token: `t${i}`, key: keyOf(k), receiveId: `corp${i}` }))
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat({ max: 2 }), fc.string({ maxLength: 120 }), fc.boolean()), { minLength: 1, maxLength: 12 }), (steps) => {
      for (const [i, msg, wrongKey] of steps) {
        const r = rings[i]!
        const encrypt = encryptMessage(r.key, msg, r.receiveId)
        const opened = decryptMessage(wrongKey ? rings[(i + 1) % 3]!.key : r.key, encrypt, r.receiveId)
        if (wrongKey ? opened.ok : !opened.ok || opened.value.message !== msg) return false
      }
      return true
    }), { numRuns: 200 })
  })

  it('flipping any ciphertext bit is caught by the signature before AES runs', () => {
    // CBC alone has no integrity (a flip in block n garbles it and flips a bit of block n+1), so the
    // signature is what protects the payload: it must catch every single-bit change.
    const sealed = sealMessage(ring, '<xml><Content>帮助</Content></xml>', '1764230400', 'n')
    const bytes = Buffer.from(sealed.encrypt, 'base64')
    fc.assert(fc.property(fc.nat({ max: bytes.length - 1 }), fc.nat({ max: 7 }), (at, bit) => {
      const tampered = Buffer.from(bytes)
      tampered[at] = (tampered[at] ?? 0) ^ (1 << bit)
      const r = openEnvelope(ring, { ...sealed, encrypt: tampered.toString('base64') })
      return !r.ok && r.error.code === 'CALLBACK_BAD_SIGNATURE'
    }), { numRuns: 300 })
  })
})
