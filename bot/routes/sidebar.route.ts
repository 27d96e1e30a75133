import { dayPlanRoutes } from './day-plan.route.js'
import type Router from '@koa/router'
import { createChannelRegistry } from '../../io/channels/registry.js'
import { loadProcessConfig, type ProcessConfig } from '../../io/config/process-config.js'
import type { Runtime } from '../../io/runtime.js'
import type { AppState } from '../app-state.js'
import { serveSidebar } from '../serve-sidebar.js'
import { activityRoutes } from './activities.route.js'
import { attachmentRoutes } from './attachments.route.js'
import { authRoutes, meRoutes } from './auth.route.js'
import { customerRoutes } from './customers.route.js'
import { devRoutes } from './dev.route.js'
import { opportunityRoutes } from './opportunities.route.js'
import { quoteRoutes } from './quotes.route.js'
import { scriptRoutes } from './scripts.route.js'
import type { SidebarDeps } from './sidebar-api.route.js'
import { visitRoutes } from './visits.route.js'
import { wecomJssdkRoutes } from './wecom-jssdk.route.js'
import { dingtalkJssdkRoutes } from './dingtalk-jssdk.route.js'

export type SidebarOptions = { config?: ProcessConfig; devLogin?: boolean; distDir?: string }

/** Dev sign-in outside production, or where DEV_LOGIN=true is set on purpose. */
export const devLoginAllowed = (nodeEnv: string, env: Record<string, string | undefined> = process.env): boolean =>
  nodeEnv !== 'production' || env.DEV_LOGIN === 'true'

/** Every route the chat sidebar calls (contract: sidebar/src/api/contract.ts). */
export function sidebarRouters(rt: Runtime, o: SidebarOptions = {}): Router<AppState>[] {
  const d: SidebarDeps = {
    db: rt.db, queues: rt.queues, log: rt.log, settings: rt.settings, config: o.config ?? loadProcessConfig(),
    channels: createChannelRegistry({ db: rt.db, settings: rt.settings, prefix: rt.settings.QUEUE_PREFIX, ...(rt.redis ? { redis: rt.redis } : {}) }),
    devLogin: o.devLogin ?? devLoginAllowed(rt.settings.NODE_ENV),
  }
  return [authRoutes(d), devRoutes(d), meRoutes(d), customerRoutes(d), opportunityRoutes(d), attachmentRoutes(d), quoteRoutes(d), visitRoutes(d),
    activityRoutes(d), scriptRoutes(d), wecomJssdkRoutes(d), dayPlanRoutes(d), dingtalkJssdkRoutes(d), serveSidebar(o.distDir)] as unknown as Router<AppState>[]
}
