import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createDingtalkClient, type DingtalkClient } from '../../io/channels/dingtalk/client.js'
import { createMemoryTokenCache } from '../../io/channels/wecom/memory-stores.js'
import { startFakeDingtalk, type FakeDingtalk } from '../fakes/dingtalk-server.js'

const APP = { appKey: 'dingclientapp', appSecret: 'client-secret', agentId: '3000001' }
let fake: FakeDingtalk
let client: DingtalkClient
const users = Array.from({ length: 130 }, (_, i) => ({ userid: `rep${i}`, name: `销售${i}`, dept_id_list: [3], manager_userid: 'boss' }))

beforeAll(async () => {
  fake = await startFakeDingtalk({ ...APP, users: [{ userid: 'boss', name: '老板', dept_id_list: [3], leader_in_dept: [{ dept_id: 3, leader: true }] }, ...users],
    departments: [{ dept_id: 2, name: '销售部', parent_id: 1 }, { dept_id: 3, name: '华东', parent_id: 2 }], dailyCap: 3 })
})
beforeEach(() => {
  client = createDingtalkClient({ ...APP, baseUrl: fake.url, cache: createMemoryTokenCache() })
})
afterAll(async () => fake.close())

describe('DingTalk client against the fake server', () => {
  it('fetches one token for many concurrent calls (single flight) and refreshes once when it expires', async () => {
    const before = fake.state.tokensIssued()
    await Promise.all(Array.from({ length: 5 }, () => client.getMember('rep1')))
    expect(fake.state.tokensIssued()).toBe(before + 1)
    fake.state.expireTokens()
    await client.getMember('rep2')
    expect(fake.state.tokensIssued()).toBe(before + 2)
  })

  it('reads each member with their direct manager and the departments they lead', async () => {
    expect(await client.getMember('rep7')).toEqual({ userId: 'rep7', name: '销售7', departments: ['3'], mainDepartment: '3', directLeaders: ['boss'], leaderInDepartments: [] })
    expect(await client.getMember('boss')).toMatchObject({ directLeaders: [], leaderInDepartments: ['3'] })
  })

  it('lists sub-departments and pages through a department of 131 members', async () => {
    expect(await client.listDepartments(2)).toEqual([{ dept_id: 3, name: '华东', parent_id: 2 }])
    expect((await client.listDepartmentUsers(3)).map((u) => u.userid)).toHaveLength(131)
  })

  it('refuses an unknown member as a permanent error with DingTalk errcode', async () => {
    await expect(client.getMember('ghost')).rejects.toMatchObject({ code: 'CHANNEL_API_REJECTED', transient: false, errcode: 60121 })
  })

  it('refuses wrong credentials as a configuration problem, not a retry', async () => {
    const bad = createDingtalkClient({ ...APP, appSecret: 'wrong', baseUrl: fake.url, cache: createMemoryTokenCache() })
    await expect(bad.sendText(['rep1'], 'x')).rejects.toMatchObject({ code: 'CHANNEL_CREDENTIALS_INVALID', transient: false })
  })

  it('getsendresult tells delivered from the silently dropped identical message and the daily cap', async () => {
    const first = await client.sendText(['rep20'], '跟进提醒：浙大一院')
    const dup = await client.sendText(['rep20'], '跟进提醒：浙大一院')
    expect(first.msgid).not.toBe(dup.msgid)
    expect(await client.getSendResult(dup.msgid)).toMatchObject({ forbidden_user_id_list: ['rep20'], forbidden_list: [{ code: '143106', userid: 'rep20' }] })
    expect(await client.getSendResult(first.msgid)).toMatchObject({ forbidden_user_id_list: [], unread_user_id_list: ['rep20'] })
    await client.sendMarkdown(['rep20'], '## 今日待办\n- a')
    await client.sendCard(['rep20'], { title: '阶段超期', taskId: 'T1', url: 'https://salespath.example.com/opp/1', fields: [{ label: '客户', value: '浙大一院' }],
      buttons: [{ key: 'snooze', text: '延期1天' }, { key: 'followed', text: '已跟进' }] })
    const capped = await client.sendText(['rep20'], '第四条')
    expect((await client.getSendResult(capped.msgid)).forbidden_list).toEqual([{ code: '143105', count: 1, userid: 'rep20' }])
    expect(fake.state.delivered('rep20').map((n) => n.msg.msgtype)).toEqual(['text', 'markdown', 'action_card'])
  })

  it('renders a card as an action card whose buttons open the page with the action key', async () => {
    await client.sendCard(['rep21'], { title: '阶段超期', taskId: 'T9', url: 'https://salespath.example.com/opp/9', buttons: [{ key: 'snooze', text: '延期1天' }] })
    const [n] = fake.state.delivered('rep21')
    expect(n!.msg).toMatchObject({ msgtype: 'action_card', action_card: { title: '阶段超期',
      btn_json_list: [{ title: '延期1天', action_url: 'https://salespath.example.com/opp/9?action=snooze&task=T9' }] } })
  })

  it('downloads a robot picture by its downloadCode through the v1.0 API', async () => {
    const png = Buffer.from('89504e470d0a1a0a', 'hex')
    fake.state.media.set('DLCODE1', { data: png, contentType: 'image/png' })
    expect(await client.getMedia('DLCODE1')).toEqual({ data: png, contentType: 'image/png' })
  })
})
