import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type Router from '@koa/router'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { AppError } from '../../io/app-error.js'
import { CONFIG_DIR } from '../../io/config/process-config.js'
import { Member } from '../../io/db/entities/member.entity.js'
import { insertTask } from '../../io/db/task.repo.js'
import { fitKey } from '../../io/effects.js'
import { sessionOf, type SessionState } from '../middleware/session.js'
import { apiRouter, readJson, type SidebarDeps } from './sidebar-api.route.js'

const ScriptsFile = z.object({ scripts: z.array(z.object({ id: z.string().min(1), node: z.string().min(1), title: z.string().min(1), text: z.string().min(1) })) })
export type Script = z.output<typeof ScriptsFile>['scripts'][number]

/** config/scripts.yaml: the reviewed talk scripts per node; none when the file is absent. */
export function loadScripts(dir = CONFIG_DIR): Script[] {
  let text: string
  try {
    text = readFileSync(join(dir, 'scripts.yaml'), 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw e
  }
  const r = ScriptsFile.safeParse(parseYaml(text))
  if (!r.success) throw new AppError('CONFIG_INVALID', { issues: `scripts.yaml: ${r.error.issues[0]?.message ?? 'invalid'}` })
  return r.data.scripts
}

const Proposal = z.object({ clientId: z.string().min(1).max(64), node: z.string().min(1).max(64), kind: z.enum(['script', 'insight']),
  title: z.string().trim().min(1).max(100), text: z.string().trim().min(1).max(2000) })
const REVIEW_DAYS = 3

/** Reviewed scripts for a node; a rep's proposal becomes a review task for their direct manager. */
export function scriptRoutes(d: SidebarDeps, scripts: Script[] = loadScripts()): Router<SessionState> {
  const r = apiRouter(d)
  r.get('/scripts', (ctx) => {
    const node = typeof ctx.query.node === 'string' ? ctx.query.node : ''
    ctx.body = { items: scripts.filter((x) => x.node === node) }
  })
  r.post('/scripts', async (ctx) => {
    const s = sessionOf(ctx)
    const b = await readJson(ctx, Proposal)
    const me = await d.db.manager.findOneByOrFail(Member, { tenantId: s.tenantId, id: s.memberId })
    // Without a direct manager in the org data, the proposal still needs a human: the tenant's admins review it.
    const reviewer = me.managerId ?? (await d.db.manager.findOneBy(Member, { tenantId: s.tenantId, role: 'admin', active: true }))?.id ?? me.id
    const label = b.kind === 'script' ? { zh: '话术', en: 'script' } : { zh: '经验', en: 'insight' }
    const task = await insertTask(d.db.manager, { tenantId: s.tenantId, opportunityId: null, assigneeId: reviewer, kind: 'review',
      title: `审核${label.zh}：${b.title}`, data: { title: { zh: `审核${label.zh}：${b.title}`, en: `Review ${label.en}: ${b.title}` },
        proposal: { ...b, by: s.memberId } }, dueAt: new Date(Date.now() + REVIEW_DAYS * 86_400_000), idempotencyKey: fitKey(`script_${s.memberId}_${b.clientId}`) })
    ctx.status = task.inserted ? 201 : 200
    ctx.body = { id: task.id, status: 'pending_review' }
  })
  return r
}
