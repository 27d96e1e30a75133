import type { DataSource } from 'typeorm'
import { Tenant } from '../../db/entities/tenant.entity.js'
import type { Logger } from '../../log.js'
import type { QueueKit } from '../../queue/queue-kit.js'
import { startDingtalkStream, type DingtalkStream } from './stream.js'
import { inboxSink } from './stream-inbox.js'

/**
 * The per-tenant switch: a DingTalk tenant whose settings say `transport: 'stream'` is served over a Stream
 * connection (no public URL needed); every other DingTalk tenant uses the HTTP push route. `streamGatewayBase`
 * in the tenant's settings points a tenant at another gateway (tests use the fake).
 */
export async function startDingtalkStreams(o: { db: DataSource; queues: QueueKit; log: Logger }): Promise<{ tenants: string[]; close(): Promise<void> }> {
  const all = await o.db.manager.findBy(Tenant, { channel: 'dingtalk' })
  const streams: DingtalkStream[] = []
  const tenants: string[] = []
  for (const t of all) {
    const { appKey, appSecret } = t.credentials
    if (t.settings.transport !== 'stream' || !appKey || !appSecret) continue
    const gatewayBase = typeof t.settings.streamGatewayBase === 'string' ? t.settings.streamGatewayBase : undefined
    const log = o.log.child({ tenant: t.slug, transport: 'dingtalk-stream' })
    streams.push(startDingtalkStream({ appKey, appSecret, ...(gatewayBase ? { gatewayBase } : {}), log,
      sink: inboxSink({ db: o.db, queues: o.queues, tenantId: t.id, log }) }))
    tenants.push(t.slug)
  }
  return { tenants, close: async () => { await Promise.all(streams.map((s) => s.close())) } }
}
