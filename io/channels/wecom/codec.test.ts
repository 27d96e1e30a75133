import { describe, expect, it } from 'vitest'
import { sha1Hex } from '../crypto.js'
import { buildSignedCallback, buildVerifyUrlQuery, renderInboundXml, type InboundSpec } from './callback-builder.js'
import { openCallback, verifyUrl, wecomKeyring, type WecomCallbackConfig } from './codec.js'
import { decodeWecomEvent } from './events.js'

// Official samples (shared/PLATFORMS.md §1.7 V1–V3, V5, V6) and event XML written from the official formats (§2).
const OFFICIAL_V2 = {
  cfg: { token: 'QDG6eK', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', corpId: 'wx5823bf96d3bd56c7' },
  query: { msg_signature: '477715d11cdb4164915debcba66cb864d751f3e6', timestamp: '1409659813', nonce: '1372623149' },
  encrypt: 'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
  plaintext: '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n<FromUserName><![CDATA[mycreate]]></FromUserName>\n<CreateTime>1409659813</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[hello]]></Content>\n<MsgId>4561255354251345929</MsgId>\n<AgentID>218</AgentID>\n</xml>',
}
const V6_PLAINTEXT = '<xml><ToUserName><![CDATA[wx49f0ab532d5d035a]]></ToUserName>\n<FromUserName><![CDATA[messense]]></FromUserName>\n<CreateTime>1411525903</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n<MsgId>4363689963896700987</MsgId>\n<AgentID>1</AgentID>\n</xml>'

const ringOf = (cfg: WecomCallbackConfig) => {
  const r = wecomKeyring(cfg)
  if (!r.ok) throw new Error('bad test config')
  return r.value
}
const envelope = (encrypt: string, agent = '<AgentID><![CDATA[218]]></AgentID>') =>
  `<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>${agent}<Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`

describe('URL verification (GET)', () => {
  it.each([
    ['V1', { token: 'QDG6eK', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', corpId: 'wx5823bf96d3bd56c7' }, { msg_signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3', timestamp: '1409659589', nonce: '263014780', echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==' }, '1616140317555161061'],
    ['V3', { token: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo', encodingAesKey: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt', corpId: 'ww1436e0e65a779aee' }, { msg_signature: '012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb', timestamp: '1476416373', nonce: '47744683', echostr: 'fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==' }, '1288432023552776189'],
    ['V5', { token: '123456', encodingAesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR', corpId: 'wx49f0ab532d5d035a' }, { msg_signature: 'dd6b9c95b495b3f7e2901bfbc76c664930ffdb96', timestamp: '1411443780', nonce: '437374425', echostr: '4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==' }, '5927782489442352469'],
  ])('%s: echoes the decrypted echostr', (_n, cfg, query, echo) => {
    expect(verifyUrl(ringOf(cfg), query)).toEqual({ ok: true, value: echo })
  })

  it.each([
    ['no signature', { timestamp: '1', nonce: '2', echostr: 'x' }, 'CALLBACK_BAD_SIGNATURE'],
    ['no echostr', { msg_signature: 'a', timestamp: '1', nonce: '2' }, 'CALLBACK_MALFORMED'],
    ['a repeated nonce parameter', { msg_signature: 'a', timestamp: '1', nonce: ['2', '3'], echostr: 'x' }, 'CALLBACK_MALFORMED'],
    ['a wrong signature', { msg_signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd4', timestamp: '1409659589', nonce: '263014780', echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==' }, 'CALLBACK_BAD_SIGNATURE'],
  ])('refuses %s', (_n, query, code) => {
    const r = verifyUrl(ringOf(OFFICIAL_V2.cfg), query)
    expect(r.ok ? 'accepted' : r.error.code).toBe(code)
  })
})

describe('POST callbacks', () => {
  it.each([
    ['AgentID as CDATA', '<AgentID><![CDATA[218]]></AgentID>'],
    ['AgentID as a number', '<AgentID>218</AgentID>'],
    ['AgentID empty', '<AgentID></AgentID>'],
    ['AgentID absent', ''],
    ['Encrypt without CDATA, pretty-printed', '<AgentID>218</AgentID>\n', (e: string) => `\n<xml>\n  <ToUserName>wx5823bf96d3bd56c7</ToUserName>\n  <Encrypt>${e}</Encrypt>\n</xml>\n`],
    ['a comment inside (parser path)', '<!-- c -->'],
  ])('opens the official V2 envelope with %s', (_n, agent, wrap?: (e: string) => string) => {
    const body = wrap ? wrap(OFFICIAL_V2.encrypt) : envelope(OFFICIAL_V2.encrypt, agent)
    const r = openCallback(ringOf(OFFICIAL_V2.cfg), OFFICIAL_V2.query, body)
    expect(r).toEqual({ ok: true, value: { plaintext: OFFICIAL_V2.plaintext, event: {
      channel: 'wecom', kind: 'text', text: 'hello', msgId: '4561255354251345929', dedupeKey: 'msg_4561255354251345929',
      corpId: 'wx5823bf96d3bd56c7', from: 'mycreate', sentAt: 1409659813000, agentId: '218',
    } } })
  })

  it('refuses a valid signature over a different Encrypt (signature checked before decrypting)', () => {
    const other = buildSignedCallback(OFFICIAL_V2.cfg, OFFICIAL_V2.plaintext)
    const body = envelope(other.body.match(/<Encrypt><!\[CDATA\[(.*)\]\]><\/Encrypt>/)?.[1] ?? '')
    const r = openCallback(ringOf(OFFICIAL_V2.cfg), OFFICIAL_V2.query, body)
    expect(!r.ok && r.error.code).toBe('CALLBACK_BAD_SIGNATURE')
  })

  it.each([
    ['an empty body', ''],
    ['not XML', '{"encrypt":"x"}'],
    ['truncated XML', '<xml><Encrypt><![CDATA[abc]]></Encrypt>'],
    ['no Encrypt element', '<xml><ToUserName>x</ToUserName></xml>'],
    ['a DTD with entities', '<!DOCTYPE xml [<!ENTITY a "aaaa">]><xml><Encrypt>&a;</Encrypt></xml>'],
    ['a __proto__ element (the parser refuses it; we must not throw)', '<xml><__proto__><Encrypt>x!</Encrypt></__proto__></xml>'],
    ['two roots', '<xml><Encrypt>a</Encrypt></xml><xml><Encrypt>b</Encrypt></xml>'],
    ['two Encrypt elements', '<xml><Encrypt>abc</Encrypt><Encrypt>def</Encrypt></xml>'],
    ['an Encrypt that is not base64 and not XML-escaped', '<xml><Encrypt>a<b</Encrypt></xml>'],
  ])('refuses %s as CALLBACK_MALFORMED', (_n, body) => {
    const r = openCallback(ringOf(OFFICIAL_V2.cfg), OFFICIAL_V2.query, body)
    expect(!r.ok && r.error.code).toBe('CALLBACK_MALFORMED')
  })

  it('refuses a callback encrypted for another corp with the same key and token', () => {
    const cb = buildSignedCallback({ ...OFFICIAL_V2.cfg, corpId: 'ww-other-corp' }, OFFICIAL_V2.plaintext)
    const r = openCallback(ringOf(OFFICIAL_V2.cfg), cb.query, cb.body)
    expect(!r.ok && r.error.code).toBe('CALLBACK_RECEIVER_MISMATCH')
  })

  it('refuses a decrypted payload that is not a WeCom message', () => {
    const cb = buildSignedCallback(OFFICIAL_V2.cfg, '<xml><Foo>bar</Foo></xml>')
    const r = openCallback(ringOf(OFFICIAL_V2.cfg), cb.query, cb.body)
    expect(!r.ok && r.error).toEqual({ code: 'CALLBACK_MALFORMED', params: { detail: 'MsgType/CreateTime' } })
  })

  it.each([
    [1409659813 + 299, true],
    [1409659813 + 301, false],
    [1409659813 - 301, false],
  ])('with a 300 s window at %i accepts=%s', (nowSec, accepted) => {
    const r = openCallback(ringOf(OFFICIAL_V2.cfg), OFFICIAL_V2.query, envelope(OFFICIAL_V2.encrypt), { now: new Date(nowSec * 1000), maxSkewSeconds: 300 })
    expect(r.ok ? 'ok' : r.error.code).toBe(accepted ? 'ok' : 'CALLBACK_STALE')
  })
})

const CORP = 'wwsalespathdemo'
const x = (inner: string) => `<xml><ToUserName><![CDATA[${CORP}]]></ToUserName>${inner}</xml>`
const SAMPLES: [string, string, Record<string, unknown>][] = [
  ['wechatpy V6 text', V6_PLAINTEXT, { kind: 'text', text: 'test', msgId: '4363689963896700987', from: 'messense', agentId: '1', corpId: 'wx49f0ab532d5d035a' }],
  ['a base64-like MsgId', x('<FromUserName>zhangsan</FromUserName><CreateTime>1700000000</CreateTime><MsgType>text</MsgType><Content><![CDATA[ 待办 ]]></Content><MsgId>CAIQg/PKxgYY2sC9tpuAgAMg9/zKaw==</MsgId>'),
    { kind: 'text', text: ' 待办 ', msgId: 'CAIQg/PKxgYY2sC9tpuAgAMg9/zKaw==', dedupeKey: 'msg_CAIQg/PKxgYY2sC9tpuAgAMg9/zKaw==' }],
  ['image', x('<FromUserName>zhangsan</FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[https://wework.qpic.cn/abc]]></PicUrl><MediaId><![CDATA[1Hp9-media_id]]></MediaId><MsgId>1234567890123456</MsgId><AgentID>1000002</AgentID>'),
    { kind: 'image', mediaId: '1Hp9-media_id', picUrl: 'https://wework.qpic.cn/abc', msgId: '1234567890123456', agentId: '1000002' }],
  ['voice', x('<FromUserName>zhangsan</FromUserName><CreateTime>1700000000</CreateTime><MsgType>voice</MsgType><MediaId>vmid</MediaId><Format>amr</Format><MsgId>77</MsgId>'),
    { kind: 'voice', mediaId: 'vmid', format: 'amr', msgId: '77' }],
  ['location message', x('<FromUserName>zhangsan</FromUserName><CreateTime>1700000000</CreateTime><MsgType>location</MsgType><Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale><Label><![CDATA[位置信息]]></Label><MsgId>78</MsgId>'),
    { kind: 'location', latitude: '23.134521', longitude: '113.358803', scale: '20', label: '位置信息', msgId: '78' }],
  ['LOCATION report', x('<FromUserName>zhangsan</FromUserName><CreateTime>1700000000</CreateTime><MsgType>event</MsgType><Event>LOCATION</Event><Latitude>23.137466</Latitude><Longitude>113.352425</Longitude><Precision>119.385040</Precision><AgentID>1</AgentID>'),
    { kind: 'location_report', latitude: '23.137466', longitude: '113.352425', precision: '119.385040' }],
  ['enter_agent', x('<FromUserName>zhangsan</FromUserName><CreateTime>1700000000</CreateTime><MsgType>event</MsgType><Event>enter_agent</Event><EventKey></EventKey><AgentID>1000002</AgentID>'),
    { kind: 'enter_agent', from: 'zhangsan', agentId: '1000002' }],
  ['menu click', x('<FromUserName>zhangsan</FromUserName><CreateTime>1700000000</CreateTime><MsgType>event</MsgType><Event>click</Event><EventKey>MY_TASKS</EventKey>'),
    { kind: 'menu_click', eventKey: 'MY_TASKS' }],
  ['add_external_contact (official sample)', '<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>\n<CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType>\n<Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[add_external_contact]]></ChangeType>\n<UserID><![CDATA[zhangsan]]></UserID><ExternalUserID><![CDATA[woAJ2GCAAAXtWyujaWJHDDGi0mACH71w]]></ExternalUserID>\n<State><![CDATA[teststate]]></State><WelcomeCode><![CDATA[WELCOMECODE]]></WelcomeCode></xml>',
    { kind: 'external_contact', change: 'add_external_contact', userId: 'zhangsan', externalUserId: 'woAJ2GCAAAXtWyujaWJHDDGi0mACH71w', state: 'teststate', welcomeCode: 'WELCOMECODE', from: 'sys', corpId: 'toUser', sentAt: 1403610513000 }],
  ['edit_external_contact', x('<FromUserName>sys</FromUserName><CreateTime>1403610513</CreateTime><MsgType>event</MsgType><Event>change_external_contact</Event><ChangeType>edit_external_contact</ChangeType><UserID>zhangsan</UserID><ExternalUserID>wmX1</ExternalUserID>'),
    { kind: 'external_contact', change: 'edit_external_contact', userId: 'zhangsan', externalUserId: 'wmX1' }],
  ['del_external_contact by transfer', x('<FromUserName>sys</FromUserName><CreateTime>1403610513</CreateTime><MsgType>event</MsgType><Event>change_external_contact</Event><ChangeType>del_external_contact</ChangeType><UserID>zhangsan</UserID><ExternalUserID>wmX1</ExternalUserID><Source>DELETE_BY_TRANSFER</Source>'),
    { kind: 'external_contact', change: 'del_external_contact', source: 'DELETE_BY_TRANSFER' }],
  ['del_follow_user', x('<FromUserName>sys</FromUserName><CreateTime>1403610513</CreateTime><MsgType>event</MsgType><Event>change_external_contact</Event><ChangeType>del_follow_user</ChangeType><UserID>zhangsan</UserID><ExternalUserID>wmX1</ExternalUserID>'),
    { kind: 'external_contact', change: 'del_follow_user', userId: 'zhangsan', externalUserId: 'wmX1' }],
  ['sys_approval_change (official sample)', '<xml><ToUserName>ww1cSD21f1e9c0caaa</ToUserName><FromUserName>sys</FromUserName><CreateTime>1571732272</CreateTime>\n<MsgType>event</MsgType><Event>sys_approval_change</Event><AgentID>3010040</AgentID>\n<ApprovalInfo><SpNo>201910220003</SpNo><SpName>示例模板</SpName><SpStatus>1</SpStatus>\n <TemplateId>3TkaH5KFbrG9heEQWLJjhgpFwmqAFB4dLEnapaB7aaa</TemplateId><ApplyTime>1571728713</ApplyTime>\n <Applyer><UserId>WuJunJie</UserId><Party>1</Party></Applyer>\n <SpRecord><SpStatus>1</SpStatus><ApproverAttr>2</ApproverAttr>\n   <Details><Approver><UserId>WangXiaoMing</UserId></Approver><Speech/><SpStatus>1</SpStatus><SpTime>0</SpTime></Details></SpRecord>\n <Notifyer><UserId>ChengLiang</UserId></Notifyer>\n <Comments><CommentUserInfo><UserId>LiuZhi</UserId></CommentUserInfo><CommentTime>1571732272</CommentTime><CommentContent>这是一个备注</CommentContent><CommentId>6750538708562308220</CommentId></Comments>\n <StatuChangeEvent>10</StatuChangeEvent></ApprovalInfo></xml>',
    { kind: 'approval', spNo: '201910220003', spName: '示例模板', spStatus: '1', templateId: '3TkaH5KFbrG9heEQWLJjhgpFwmqAFB4dLEnapaB7aaa', applicant: 'WuJunJie', statusChangeEvent: '10', applyTime: '1571728713', agentId: '3010040' }],
  ['template_card_event (official sample)', '<xml><ToUserName>toUser</ToUserName><FromUserName>FromUser</FromUserName><CreateTime>123456789</CreateTime>\n<MsgType>event</MsgType><Event>template_card_event</Event>\n<EventKey>key111</EventKey>\n<TaskId>taskid111</TaskId>\n<CardType>text_notice</CardType>\n<ResponseCode>ResponseCode</ResponseCode>\n<AgentID>1</AgentID>\n<SelectedItems><SelectedItem><QuestionKey>QuestionKey1</QuestionKey>\n  <OptionIds><OptionId>OptionId1</OptionId><OptionId>OptionId2</OptionId></OptionIds></SelectedItem></SelectedItems>\n</xml>',
    { kind: 'card_click', eventKey: 'key111', taskId: 'taskid111', cardType: 'text_notice', responseCode: 'ResponseCode', actionKey: 'taskid111_FromUser_key111', selected: [{ questionKey: 'QuestionKey1', optionIds: ['OptionId1', 'OptionId2'] }] }],
  ['a video message (not handled)', x('<FromUserName>zhangsan</FromUserName><CreateTime>1700000000</CreateTime><MsgType>video</MsgType><MediaId>m</MediaId><ThumbMediaId>t</ThumbMediaId><MsgId>79</MsgId>'),
    { kind: 'unknown', msgType: 'video', msgId: '79', dedupeKey: 'msg_79' }],
  ['a group-chat event (not handled)', x('<FromUserName>sys</FromUserName><CreateTime>1700000000</CreateTime><MsgType>event</MsgType><Event>change_external_chat</Event><ChatId>wrx</ChatId><ChangeType>update</ChangeType><MemChangeList><Item>a</Item><Item>b</Item></MemChangeList>'),
    { kind: 'unknown', msgType: 'event', event: 'change_external_chat' }],
  ['a contact event with an unknown ChangeType', x('<FromUserName>sys</FromUserName><CreateTime>1700000000</CreateTime><MsgType>event</MsgType><Event>change_external_contact</Event><ChangeType>msg_audit_approved</ChangeType><UserID>u</UserID>'),
    { kind: 'unknown', msgType: 'event', event: 'change_external_contact' }],
]

describe('normalising decrypted XML', () => {
  it.each(SAMPLES)('%s', (_n, plaintext, expected) => {
    const r = decodeWecomEvent(plaintext)
    expect(r.ok && r.value).toMatchObject({ channel: 'wecom', ...expected })
  })

  it.each(SAMPLES.filter(([, p]) => !/<MsgId>/.test(p)))('keys event "%s" by the sha1 of its plaintext', (_n, plaintext) => {
    const r = decodeWecomEvent(plaintext)
    expect(r.ok && r.value.dedupeKey).toBe(`evt_${sha1Hex(plaintext)}`)
  })

  it('gives two system events in the same second different keys (sys+CreateTime would collide)', () => {
    const a = decodeWecomEvent(SAMPLES[9]![1])
    const b = decodeWecomEvent(SAMPLES[11]![1])
    expect(a.ok && b.ok && a.value.dedupeKey !== b.value.dedupeKey).toBe(true)
  })

  it('tolerates elements named like Object methods and refuses prototype names without throwing', () => {
    const r = decodeWecomEvent(x('<FromUserName>u</FromUserName><CreateTime>1700000000</CreateTime><MsgType>event</MsgType><Event>toString</Event><hasOwnProperty>c</hasOwnProperty>'))
    expect(r.ok && r.value).toMatchObject({ kind: 'unknown', event: 'toString' })
    const bad = decodeWecomEvent(x('<FromUserName>u</FromUserName><CreateTime>1700000000</CreateTime><MsgType>text</MsgType><constructor>c</constructor>'))
    expect(!bad.ok && bad.error.code).toBe('CALLBACK_MALFORMED')
  })

  it('refuses a payload whose CreateTime is not seconds', () => {
    const r = decodeWecomEvent(x('<FromUserName>u</FromUserName><CreateTime>yesterday</CreateTime><MsgType>text</MsgType>'))
    expect(!r.ok && r.error.code).toBe('CALLBACK_MALFORMED')
  })
})

describe('buildSignedCallback round trip', () => {
  const cfg = { token: 'salespath-demo-token', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', corpId: CORP }
  const specs: [InboundSpec, Record<string, unknown>][] = [
    [{ type: 'text', from: 'lisi', content: '帮助 <&> ]]> end' }, { kind: 'text', from: 'lisi', text: '帮助 <&> ]]> end' }],
    [{ type: 'image', from: 'lisi', mediaId: 'MEDIA_1' }, { kind: 'image', mediaId: 'MEDIA_1' }],
    [{ type: 'voice', from: 'lisi', mediaId: 'V1' }, { kind: 'voice', mediaId: 'V1', format: 'amr' }],
    [{ type: 'location', from: 'lisi', latitude: '31.2', longitude: '121.5', label: '客户公司' }, { kind: 'location', latitude: '31.2', longitude: '121.5', label: '客户公司' }],
    [{ type: 'enter_agent', from: 'lisi' }, { kind: 'enter_agent', from: 'lisi' }],
    [{ type: 'location_report', from: 'lisi', latitude: '31.2', longitude: '121.5' }, { kind: 'location_report', latitude: '31.2' }],
    [{ type: 'external_contact', change: 'add_external_contact', userId: 'lisi', externalUserId: 'wmABC', state: 'expo2026' }, { kind: 'external_contact', from: 'sys', userId: 'lisi', externalUserId: 'wmABC', state: 'expo2026' }],
    [{ type: 'card_click', from: 'lisi', eventKey: 'done', taskId: 'task_1' }, { kind: 'card_click', eventKey: 'done', taskId: 'task_1', actionKey: 'task_1_lisi_done' }],
    [{ type: 'approval', spNo: '202611270001', spStatus: '2', applicant: 'lisi' }, { kind: 'approval', spNo: '202611270001', spStatus: '2', applicant: 'lisi' }],
  ]
  it.each(specs)('%j arrives as sent', (spec, expected) => {
    const plaintext = renderInboundXml(spec, { corpId: CORP, agentId: '1000002', createTime: 1764230400 })
    const cb = buildSignedCallback(cfg, plaintext, { agentId: '1000002' })
    const r = openCallback(ringOf(cfg), cb.query, cb.body)
    expect(r.ok && r.value.plaintext).toBe(plaintext)
    expect(r.ok && r.value.event).toMatchObject({ corpId: CORP, sentAt: 1764230400000, ...expected })
  })

  it('builds a verifiable GET query', () => {
    expect(verifyUrl(ringOf(cfg), buildVerifyUrlQuery(cfg, 'echo-123'))).toEqual({ ok: true, value: 'echo-123' })
  })
})
