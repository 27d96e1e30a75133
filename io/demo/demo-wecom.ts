import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { mediaFromFolder } from '../../test/fakes/wecom-fake-media.js'
import { startFakeWecom, type FakeWecom } from '../../test/fakes/wecom-server.js'
import { DEMO_CUSTOMERS, DEMO_MEMBERS, DEMO_TENANT } from './demo-data.js'

/** The demo's WeCom credentials; `npm run wecom:send` uses the same defaults. Not secrets: demo only. */
export const DEMO_WECOM_ENV = {
  WECOM_ENABLED: 'true', WECOM_CORP_ID: DEMO_TENANT.corpId, WECOM_AGENT_ID: DEMO_TENANT.agentId,
  WECOM_SECRET: 'salespath-demo-secret', WECOM_TOKEN: 'salespath-demo-token',
  WECOM_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
}

/**
 * An in-process fake WeCom server with the demo tenant's directory, so the demo sends real API calls and a
 * newcomer can open its page to see every message reps and managers would have received. Quote images from
 * test/fixtures/quotes can be "sent" with `npm run wecom:send -- --image FILE`.
 */
export async function startDemoWecom(): Promise<FakeWecom> {
  const fixtures = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'quotes')
  return startFakeWecom({
    corpId: DEMO_WECOM_ENV.WECOM_CORP_ID, secret: DEMO_WECOM_ENV.WECOM_SECRET, agentId: DEMO_TENANT.agentId,
    users: DEMO_MEMBERS.map((m) => ({ userid: m.key, name: m.name, department: [2], ...(m.manager ? { direct_leader: [m.manager] } : {}),
      ...(m.role === 'manager' ? { is_leader_in_dept: [1] } : {}) })),
    departments: [{ id: 1, name: DEMO_TENANT.name, parentid: 0 }, { id: 2, name: '华东销售部', parentid: 1, department_leader: ['wangjianguo'] }],
    externalContacts: DEMO_CUSTOMERS.map(([name], i) => ({
      external_contact: { external_userid: `wm_demo_${String(i + 1).padStart(2, '0')}`, name: `${name.slice(0, 2)}联系人`, type: 1, corp_name: name },
      follow_user: [{ userid: DEMO_MEMBERS.filter((m) => m.role === 'rep')[i % 5]!.key, createtime: 1_790_000_000 }],
    })),
    ...(existsSync(fixtures) ? { media: mediaFromFolder(fixtures) } : {}),
  })
}
