import { parseArgs } from 'node:util'
import { computeSignature, decryptMessage } from '../io/channels/crypto.js'
import { buildSignedPush, robotHeaders, robotTextPayload } from '../io/channels/dingtalk/callback-builder.js'
import { dingtalkKeyring } from '../io/channels/dingtalk/codec.js'

// Sends a signed (and, for events, encrypted) DingTalk push to a running bot, for demos and manual tests.
// Keys come from DINGTALK_TOKEN / DINGTALK_AES_KEY / DINGTALK_APP_KEY / DINGTALK_APP_SECRET.

const USAGE = `usage: npm run dingtalk:send -- [--url URL] [--from STAFFID] ONE OF
  --text 帮助                                  robot message in HTTP mode (timestamp/sign headers)
  --check-url                                  the setup handshake (expects the encrypted success)
  --event bpms_instance_change --instance PI [--type start|finish|terminate] [--result agree|refuse]
  --event user_add_org|user_modify_org|user_leave_org|org_dept_create …   通讯录 events (ask for a directory re-sync)
options: --msg-id ID (reuse a robot msgId), --repeat N (send the same push N times, as DingTalk's retries do)`

const { values: a } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.DINGTALK_CALLBACK_URL ?? 'http://127.0.0.1:3000/dingtalk/callback' },
    from: { type: 'string', default: 'zhangsan' }, text: { type: 'string' }, 'check-url': { type: 'boolean', default: false },
    event: { type: 'string' }, instance: { type: 'string' }, type: { type: 'string', default: 'start' }, result: { type: 'string' },
    'msg-id': { type: 'string' }, repeat: { type: 'string', default: '1' }, help: { type: 'boolean', short: 'h', default: false },
  },
})

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`)
  process.exit(2)
}
const env = (name: string) => process.env[name] || fail(`${name} is not set (use the bot's DINGTALK_* values)`)

function eventPlaintext(): string {
  if (a['check-url']) return JSON.stringify({ EventType: 'check_url' })
  const event = a.event ?? fail('say what to send')
  const TimeStamp = String(Date.now())
  if (event === 'bpms_instance_change') {
    return JSON.stringify({ EventType: event, processInstanceId: a.instance ?? fail('--instance is required'), type: a.type, staffId: a.from,
      ...(a.result ? { result: a.result } : {}), TimeStamp })
  }
  return JSON.stringify({ EventType: event, UserId: [a.from], TimeStamp })
}

async function main(): Promise<void> {
  if (a.help) return void process.stdout.write(`${USAGE}\n`)
  const times = Math.max(1, Number(a.repeat) || 1)
  if (a.text !== undefined) {
    const secret = env('DINGTALK_APP_SECRET')
    const body = JSON.stringify(robotTextPayload({ msgId: a['msg-id'] ?? `msg${Date.now()}`, staffId: a.from ?? 'zhangsan', text: a.text,
      corpId: process.env.DINGTALK_CORP_ID ?? 'dingsalespathdemo', robotCode: env('DINGTALK_APP_KEY'), createAt: Date.now() }))
    for (let i = 0; i < times; i++) {
      const res = await fetch(a.url!, { method: 'POST', headers: { 'content-type': 'application/json', ...robotHeaders(secret, Date.now()) }, body })
      process.stdout.write(`POST ${res.status} ${await res.text()}\n`)
      if (!res.ok) process.exitCode = 1
    }
    return
  }
  const ring = dingtalkKeyring({ token: env('DINGTALK_TOKEN'), encodingAesKey: env('DINGTALK_AES_KEY'), receiveId: env('DINGTALK_APP_KEY') })
  if (!ring.ok) fail('DINGTALK_AES_KEY must be 43 letters or digits')
  const plaintext = eventPlaintext()
  const push = buildSignedPush(ring.value, plaintext, Date.now())
  for (let i = 0; i < times; i++) {
    const res = await fetch(`${a.url}?${new URLSearchParams(push.query).toString()}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: push.body })
    const text = await res.text()
    let verdict = ''
    try {
      const r = JSON.parse(text) as { msg_signature: string; timeStamp: string; nonce: string; encrypt: string }
      const signed = computeSignature(ring.value.token, r.timeStamp, r.nonce, r.encrypt) === r.msg_signature
      const plain = decryptMessage(ring.value.key, r.encrypt, ring.value.receiveId)
      verdict = signed && plain.ok && plain.value.message === 'success' ? ' (encrypted success verified)' : ' (NOT a valid success reply)'
    } catch { /* an error body */ }
    process.stdout.write(`POST ${res.status} ${text}${verdict}\n`)
    if (!res.ok || verdict !== ' (encrypted success verified)') process.exitCode = 1
  }
  process.stderr.write(`sent:\n${plaintext}\n`)
}

main().catch((e: unknown) => {
  process.stderr.write(`dingtalk:send failed: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(1)
})
