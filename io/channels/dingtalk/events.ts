import { reject, type Rejection } from '../../../core/errors.js'
import { err, ok, type Result } from '../../../core/result.js'
import type { ChannelEvent } from '../channel.js'
import { sha1Hex } from '../crypto.js'

// DingTalk payloads (event subscription JSON, robot messages) → the same ChannelEvent kinds WeCom produces,
// so the worker's handlers serve both channels (PLATFORMS §6.1, §6.3).

type Json = Record<string, unknown>
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined)

function parseObject(text: string): Result<Json, Rejection> {
  try {
    const v: unknown = JSON.parse(text)
    if (v && typeof v === 'object' && !Array.isArray(v)) return ok(v as Json)
  } catch { /* fall through */ }
  return err(reject('CALLBACK_MALFORMED', { detail: 'JSON' }))
}

/**
 * bpms_instance_change type/result → WeCom's spStatus (1 审批中, 2 已通过, 3 已驳回, 4 已撤销). A bpms_task_change
 * (one approver's step: start / finish+agree|refuse / cancel) leaves the instance 审批中; its step is kept as
 * statusChangeEvent `task_<type>[_<result>]`.
 */
function approvalStatus(type: string | undefined, result: string | undefined): string {
  if (type === 'finish') return result === 'agree' ? '2' : '3'
  if (type === 'terminate') return '4'
  return '1'
}

/**
 * A decrypted event-subscription plaintext. `check_url` is the setup handshake (answered, never stored).
 * Events are deduped on sha1(plaintext): DingTalk retries a failed push with the same body (§8.2).
 */
export function decodeDingtalkEvent(plaintext: string, receiver: string, nowMs: number): Result<ChannelEvent | 'check_url', Rejection> {
  const parsed = parseObject(plaintext)
  if (!parsed.ok) return parsed
  const j = parsed.value
  const type = str(j.EventType)
  if (!type) return err(reject('CALLBACK_MALFORMED', { detail: 'EventType' }))
  if (type === 'check_url') return ok('check_url')
  const sentAt = Number(str(j.TimeStamp) ?? str(j.timeStamp) ?? nowMs)
  const base = {
    channel: 'dingtalk' as const, dedupeKey: `evt_${sha1Hex(plaintext)}`, corpId: str(j.CorpId) ?? str(j.corpId) ?? receiver,
    from: str(j.staffId) ?? 'sys', sentAt: Number.isFinite(sentAt) ? sentAt : nowMs,
  }
  if ((type === 'bpms_instance_change' || type === 'bpms_task_change') && str(j.processInstanceId)) {
    const instance = type === 'bpms_instance_change'
    // An instance event's staffId is the applicant; a task event's is the approver who acted.
    const applicant = instance ? str(j.staffId) : undefined
    const change = instance ? str(j.type) : ['task', str(j.type), str(j.result)].filter(Boolean).join('_')
    return ok({
      ...base, kind: 'approval', spNo: str(j.processInstanceId)!, spStatus: instance ? approvalStatus(str(j.type), str(j.result)) : '1',
      ...(str(j.title) ? { spName: str(j.title) } : {}), ...(str(j.processCode) ? { templateId: str(j.processCode) } : {}),
      ...(applicant ? { applicant } : {}), ...(change ? { statusChangeEvent: change } : {}),
    })
  }
  // 通讯录 events re-read the directory, as WeCom's change_contact does (worker/jobs/inbox/directory-change.ts).
  const event = /^(user_|org_dept_|label_)/.test(type) ? 'change_contact' : type
  return ok({ ...base, kind: 'unknown', msgType: 'event', event })
}

/** A robot message (Stream `data` or HTTP-mode body). `senderStaffId` is the org user id; dedupe on msgId. */
export function decodeRobotMessage(body: string): Result<ChannelEvent, Rejection> {
  const parsed = parseObject(body)
  if (!parsed.ok) return parsed
  const j = parsed.value
  const msgId = str(j.msgId)
  const from = str(j.senderStaffId)
  if (!msgId || !from) return err(reject('CALLBACK_MALFORMED', { detail: 'msgId/senderStaffId' }))
  const base = {
    channel: 'dingtalk' as const, dedupeKey: `msg_${msgId}`, corpId: str(j.chatbotCorpId) ?? str(j.senderCorpId) ?? '',
    from, sentAt: Number(str(j.createAt) ?? 0), ...(str(j.robotCode) ? { agentId: str(j.robotCode) } : {}),
  }
  const type = str(j.msgtype) ?? ''
  const text = (j.text as Json | undefined)?.content
  if (type === 'text' && typeof text === 'string') return ok({ ...base, kind: 'text', msgId, text: text.trim() })
  const code = (j.content as Json | undefined)?.downloadCode
  if (type === 'picture' && typeof code === 'string') return ok({ ...base, kind: 'image', msgId, mediaId: code })
  return ok({ ...base, kind: 'unknown', msgType: type || 'unknown', msgId })
}
