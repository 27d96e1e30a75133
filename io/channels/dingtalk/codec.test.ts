import { describe, expect, it } from 'vitest'
import { computeSignature, decryptMessage, encryptMessage } from '../crypto.js'
import { buildSignedPush, robotHeaders, robotTextPayload } from './callback-builder.js'
import { dingtalkKeyring, openDingtalkCallback, openRobotMessage, sealSuccess } from './codec.js'

// D1 and E2 from shared/PLATFORMS.md §1.7.
const D1 = {
  token: '123456', encodingAESKey: '4g5j64qlyl3zvetqxz5jiocdr586fn2zvjpa8zls3ij', receiveId: 'suite4xxxxxxxxxxxxxxx',
  timestamp: '1445827045067', nonce: 'nEXhMP4r', msg_signature: '5a65ceeef9aab2d149439f82dc191dd6c5cbe2c0',
  encrypt: '1a3NBxmCFwkCJvfoQ7WhJHB+iX3qHPsc9JbaDznE1i03peOk1LaOQoRz3+nlyGNhwmwJ3vDMG+OzrHMeiZI7gTRWVdUBmfxjZ8Ej23JVYa9VrYeJ5as7XM/ZpulX8NEQis44w53h1qAgnC3PRzM7Zc/D6Ibr0rgUathB6zRHP8PYrfgnNOS9PhSBdHlegK+AGGanfwjXuQ9+0pZcy0w9lQ==',
  expectedPlaintext: '{"EventType":"check_create_suite_url","Random":"LPIdSnlF","TestSuiteKey":"suite4xxxxxxxxxxxxxxx"}',
  expectedRandom16: 'hU3bEfGZZewzhG5a',
}
const E2 = { encrypt: 't5BhzMl4vwWDGqbT+PBJEQ864I8Yet7AmifbxRHIUY3Gokshny9LC+jKYwKsveoFbilBD5qI8U0brkEo6DMkTw==',
  msg_signature: '90635e9e91cc70124bb39fb15d24787a09afb3f9', timeStamp: '1445827045067', nonce: 'nEXhMP4r' }

const ringOf = (receiveId: string, token = D1.token) => {
  const r = dingtalkKeyring({ token, encodingAesKey: D1.encodingAESKey, receiveId })
  if (!r.ok) throw new Error('bad key')
  return r.value
}
const ring = ringOf(D1.receiveId)
const NOW = 1445827045067
const d1Query = { msg_signature: D1.msg_signature, timestamp: D1.timestamp, nonce: D1.nonce }
const d1Body = JSON.stringify({ encrypt: D1.encrypt })
const flip = (b64: string) => { const b = Buffer.from(b64, 'base64'); b[5] = (b[5] ?? 0) ^ 1; return b.toString('base64') }

describe('DingTalk callback codec — vectors', () => {
  it('D1: signature over the millisecond timestamp, decrypt, receive id = suite key', () => {
    expect(computeSignature(D1.token, D1.timestamp, D1.nonce, D1.encrypt)).toBe(D1.msg_signature)
    const opened = decryptMessage(ring.key, D1.encrypt, D1.receiveId)
    expect(opened.ok && opened.value.message).toBe(D1.expectedPlaintext)
    expect(opened.ok && opened.value.random.toString('ascii')).toBe(D1.expectedRandom16)
    expect(encryptMessage(ring.key, D1.expectedPlaintext, D1.receiveId, Buffer.from(D1.expectedRandom16, 'ascii'))).toBe(D1.encrypt)
  })

  it('D1 through the route codec: an unknown EventType is stored as an ignorable event keyed by the plaintext hash', () => {
    const r = openDingtalkCallback(ring, d1Query, d1Body, NOW)
    expect(r.ok && r.value.plaintext).toBe(D1.expectedPlaintext)
    expect(r.ok && r.value.event).toMatchObject({ channel: 'dingtalk', kind: 'unknown', event: 'check_create_suite_url', from: 'sys', dedupeKey: expect.stringMatching(/^evt_[0-9a-f]{40}$/) })
  })

  it('accepts the legacy signature/timeStamp parameter names', () => {
    expect(openDingtalkCallback(ring, { signature: D1.msg_signature, timeStamp: D1.timestamp, nonce: D1.nonce }, d1Body, NOW).ok).toBe(true)
  })

  it('E2: the encrypted success reply is byte-exact', () => {
    expect(sealSuccess(ring, E2.timeStamp, E2.nonce, Buffer.from('aaaabbbbccccdddd', 'ascii'))).toEqual(E2)
  })

  it('a fresh success reply decrypts to "success" and verifies under its own signature', () => {
    const reply = sealSuccess(ring, '1700000000000', 'abc123')
    expect(computeSignature(D1.token, reply.timeStamp, reply.nonce, reply.encrypt)).toBe(reply.msg_signature)
    const back = decryptMessage(ring.key, reply.encrypt, D1.receiveId)
    expect(back.ok && back.value.message).toBe('success')
  })
})

describe('DingTalk callback codec — refusals', () => {
  it.each([
    ['a flipped ciphertext byte (signature fails before AES)', d1Query, JSON.stringify({ encrypt: flip(D1.encrypt) }), 'CALLBACK_BAD_SIGNATURE'],
    ['a nonce changed by one character', { ...d1Query, nonce: 'nEXhMP4s' }, d1Body, 'CALLBACK_BAD_SIGNATURE'],
    ['the timestamp read as seconds', { ...d1Query, timestamp: '1445827045' }, d1Body, 'CALLBACK_BAD_SIGNATURE'],
    ['no signature', { timestamp: D1.timestamp, nonce: D1.nonce }, d1Body, 'CALLBACK_BAD_SIGNATURE'],
    ['no nonce', { msg_signature: D1.msg_signature, timestamp: D1.timestamp }, d1Body, 'CALLBACK_MALFORMED'],
    ['a body that is not JSON', d1Query, 'encrypt=abc', 'CALLBACK_MALFORMED'],
    ['a JSON body without encrypt', d1Query, '{"Encrypt":"x"}', 'CALLBACK_MALFORMED'],
  ])('refuses %s', (_name, query, body, code) => {
    const r = openDingtalkCallback(ring, query, body, NOW)
    expect(r.ok ? 'accepted' : r.error.code).toBe(code)
  })

  it('refuses a push addressed to another app (receive id = appKey check)', () => {
    const r = openDingtalkCallback(ringOf('dingotherappkey'), d1Query, d1Body, NOW)
    expect(r.ok ? 'accepted' : r.error.code).toBe('CALLBACK_RECEIVER_MISMATCH')
  })

  it('refuses a push outside the replay window, in milliseconds', () => {
    const r = openDingtalkCallback(ring, d1Query, d1Body, NOW + 301_000, { nowMs: NOW + 301_000, maxSkewMs: 300_000 })
    expect(r.ok ? 'accepted' : r.error.code).toBe('CALLBACK_STALE')
    expect(openDingtalkCallback(ring, d1Query, d1Body, NOW + 299_000, { nowMs: NOW + 299_000, maxSkewMs: 300_000 }).ok).toBe(true)
  })

  it('refuses a correctly signed push whose plaintext is not JSON', () => {
    const push = buildSignedPush(ring, 'not json', NOW)
    const r = openDingtalkCallback(ring, push.query, push.body, NOW)
    expect(r.ok ? 'accepted' : r.error.code).toBe('CALLBACK_MALFORMED')
  })
})

describe('DingTalk event decoding', () => {
  const open = (payload: Record<string, unknown>) => {
    const push = buildSignedPush(ring, JSON.stringify(payload), NOW)
    const r = openDingtalkCallback(ring, push.query, push.body, NOW)
    if (!r.ok) throw new Error(r.error.code)
    return r.value.event
  }
  it('check_url is the setup handshake', () => {
    expect(open({ EventType: 'check_url' })).toBe('check_url')
  })
  it.each([
    [{ type: 'start' }, '1'], [{ type: 'finish', result: 'agree' }, '2'], [{ type: 'finish', result: 'refuse' }, '3'], [{ type: 'terminate' }, '4'],
  ])('bpms_instance_change %j is an approval with WeCom status %s', (extra, spStatus) => {
    expect(open({ EventType: 'bpms_instance_change', processInstanceId: 'PI-1', staffId: 'wanglei', title: '报价审批', processCode: 'PROC-1', ...extra }))
      .toMatchObject({ kind: 'approval', spNo: 'PI-1', spStatus, applicant: 'wanglei', templateId: 'PROC-1', from: 'wanglei' })
  })
  it.each([
    [{ type: 'start' }, 'task_start'], [{ type: 'finish', result: 'agree' }, 'task_finish_agree'], [{ type: 'finish', result: 'refuse' }, 'task_finish_refuse'],
  ])('bpms_task_change %j is an approval step (%s) of an instance still 审批中, not the approver as applicant', (extra, step) => {
    const ev = open({ EventType: 'bpms_task_change', processInstanceId: 'PI-2', staffId: 'zhaomgr', title: '报价审批', ...extra })
    expect(ev).toMatchObject({ kind: 'approval', spNo: 'PI-2', spStatus: '1', statusChangeEvent: step, from: 'zhaomgr' })
    expect(ev).not.toHaveProperty('applicant')
  })
  it.each(['user_add_org', 'user_leave_org', 'org_dept_create'])('%s asks for a directory re-sync', (EventType) => {
    expect(open({ EventType, UserId: ['u1'] })).toMatchObject({ kind: 'unknown', event: 'change_contact' })
  })
})

describe('DingTalk robot messages (HTTP mode)', () => {
  const secret = 'appsecret-xyz'
  const body = JSON.stringify(robotTextPayload({ msgId: 'msgA==', staffId: '0326150155', text: ' 帮助 ', corpId: 'dingcorp', robotCode: 'dingbot', createAt: NOW }))
  it('a signed text message becomes a text event keyed by msgId', () => {
    const r = openRobotMessage(secret, robotHeaders(secret, NOW), body, NOW + 1000)
    expect(r.ok && r.value).toMatchObject({ kind: 'text', text: '帮助', from: '0326150155', dedupeKey: 'msg_msgA==', corpId: 'dingcorp', sentAt: NOW })
  })
  it.each([
    ['a wrong secret', robotHeaders('other', NOW), NOW, 'CALLBACK_BAD_SIGNATURE'],
    ['no sign header', { timestamp: String(NOW) }, NOW, 'CALLBACK_BAD_SIGNATURE'],
    ['a timestamp over an hour old', robotHeaders(secret, NOW), NOW + 3_600_001, 'CALLBACK_STALE'],
  ])('refuses %s', (_n, headers, now, code) => {
    const r = openRobotMessage(secret, headers, body, now)
    expect(r.ok ? 'accepted' : r.error.code).toBe(code)
  })
})
