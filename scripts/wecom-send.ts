import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { CONTACT_CHANGES, type ContactChange } from '../io/channels/channel.js'
import { buildSignedCallback, buildVerifyUrlQuery, mediaIdForBytes, renderInboundXml, type InboundSpec } from '../io/channels/wecom/callback-builder.js'

// Sends a correctly signed and encrypted WeCom callback to a running bot, for demos and manual tests.
// Keys come from WECOM_TOKEN / WECOM_AES_KEY / WECOM_CORP_ID (defaults: the .env.example demo values).

const USAGE = `usage: npm run wecom:send -- [--url URL] [--from USERID] ONE OF
  --text 帮助                         text message
  --image FILE [--media-id ID]        image message (MediaId = --media-id, else derived from the file's sha256)
  --voice MEDIA_ID                    voice message
  --location LAT,LNG [--label 名称]   location message
  --event enter_agent
  --event LOCATION --location LAT,LNG
  --event add_external_contact|edit_external_contact|del_external_contact|del_follow_user|add_half_external_contact|transfer_fail
          --external-user wmXXX [--state S] [--welcome-code C]
  --event template_card_event --key done --task-id TASK [--response-code RC]
  --event sys_approval_change --sp-no 202611270001 [--sp-status 2]
  --verify                            GET URL verification instead of a POST
options: --msg-id ID (reuse a MsgId), --repeat N (send the same callback N times, as WeCom's retries do)`

const { values: a } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.WECOM_CALLBACK_URL ?? 'http://127.0.0.1:3000/wecom/callback' },
    from: { type: 'string', default: 'zhangsan' },
    text: { type: 'string' }, image: { type: 'string' }, 'media-id': { type: 'string' }, voice: { type: 'string' },
    location: { type: 'string' }, label: { type: 'string' }, event: { type: 'string' },
    'external-user': { type: 'string' }, state: { type: 'string' }, 'welcome-code': { type: 'string' },
    key: { type: 'string' }, 'task-id': { type: 'string' }, 'response-code': { type: 'string' },
    'sp-no': { type: 'string' }, 'sp-status': { type: 'string', default: '1' },
    'msg-id': { type: 'string' }, repeat: { type: 'string', default: '1' }, verify: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
})

const cfg = {
  token: process.env.WECOM_TOKEN ?? 'salespath-demo-token',
  encodingAesKey: process.env.WECOM_AES_KEY ?? 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  corpId: process.env.WECOM_CORP_ID ?? 'wwsalespathdemo',
}
const agentId = process.env.WECOM_AGENT_ID ?? '1000002'

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`)
  process.exit(2)
}

function latLng(): { latitude: string; longitude: string } {
  const [latitude, longitude] = (a.location ?? '').split(',').map((s) => s.trim())
  if (!latitude || !longitude || Number.isNaN(Number(latitude)) || Number.isNaN(Number(longitude))) fail('--location needs LAT,LNG')
  return { latitude, longitude }
}

function eventSpec(event: string, from: string): InboundSpec {
  if (event === 'enter_agent') return { type: 'enter_agent', from }
  if (event === 'LOCATION') return { type: 'location_report', from, ...latLng() }
  if ((CONTACT_CHANGES as readonly string[]).includes(event)) {
    const externalUserId = a['external-user'] ?? fail('--external-user is required for contact events')
    return {
      type: 'external_contact', change: event as ContactChange, userId: from, externalUserId,
      ...(a.state ? { state: a.state } : {}), ...(a['welcome-code'] ? { welcomeCode: a['welcome-code'] } : {}),
    }
  }
  if (event === 'template_card_event') {
    return {
      type: 'card_click', from, eventKey: a.key ?? fail('--key is required'), taskId: a['task-id'] ?? fail('--task-id is required'),
      ...(a['response-code'] ? { responseCode: a['response-code'] } : {}),
    }
  }
  if (event === 'sys_approval_change') return { type: 'approval', spNo: a['sp-no'] ?? fail('--sp-no is required'), spStatus: a['sp-status'] ?? '1', applicant: from }
  return fail(`unknown --event ${event}`)
}

function specFromArgs(): InboundSpec {
  const from = a.from ?? 'zhangsan'
  const msgId = a['msg-id'] ? { msgId: a['msg-id'] } : {}
  if (a.text !== undefined) return { type: 'text', from, content: a.text, ...msgId }
  if (a.image) return { type: 'image', from, mediaId: a['media-id'] ?? mediaIdForBytes(readFileSync(a.image)), ...msgId }
  if (a.voice) return { type: 'voice', from, mediaId: a.voice, ...msgId }
  if (a.event) return eventSpec(a.event, from)
  if (a.location) return { type: 'location', from, ...latLng(), ...(a.label ? { label: a.label } : {}), ...msgId }
  return fail('say what to send')
}

async function main(): Promise<void> {
  if (a.help) return void process.stdout.write(`${USAGE}\n`)
  if (a.verify) {
    const echo = String(Date.now())
    const res = await fetch(`${a.url}?${new URLSearchParams(buildVerifyUrlQuery(cfg, echo)).toString()}`)
    const body = await res.text()
    process.stdout.write(`GET ${res.status} ${JSON.stringify(body)} ${body === echo ? '(echo matches)' : `(expected ${echo})`}\n`)
    process.exitCode = res.ok && body === echo ? 0 : 1
    return
  }
  const plaintext = renderInboundXml(specFromArgs(), { corpId: cfg.corpId, agentId, createTime: Math.floor(Date.now() / 1000) })
  const cb = buildSignedCallback(cfg, plaintext, { agentId })
  const times = Math.max(1, Number(a.repeat) || 1)
  for (let i = 0; i < times; i++) {
    const res = await fetch(`${a.url}?${cb.search}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: cb.body })
    process.stdout.write(`POST ${res.status} ${JSON.stringify(await res.text())}\n`)
    if (!res.ok) process.exitCode = 1
  }
  process.stderr.write(`sent:\n${plaintext}\n`)
}

main().catch((e: unknown) => {
  process.stderr.write(`wecom:send failed: ${e instanceof Error ? `${e.message}${e.cause instanceof Error ? ` (${e.cause.message})` : ''}` : String(e)}\n`)
  process.exit(1)
})
