import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { startBot } from '../../bot/server.js'
import { definitionOrThrow, loadProcessConfig } from '../../io/config/process-config.js'
import { DEMO_WECOM_ENV, startDemoWecom } from '../../io/demo/demo-wecom.js'
import { seedDemoWithHistory } from '../../io/demo/seed-all.js'
import { ENV_TENANT_SLUG, syncEnvTenant } from '../../io/tenants.js'
import { startWorker } from '../../worker/run.js'
import { testRuntime } from '../setup/runtime.js'
import { createTestDb } from '../setup/test-db.js'

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'quotes')
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)
export type Truth = { file: string; amount: number; models: string[]; validUntil: string }
export const truth = (): Truth[] => (JSON.parse(readFileSync(join(FIXTURES, 'truth.json'), 'utf8')) as { images: Truth[] }).images

/**
 * The whole product on loopback: a seeded demo tenant on its own database, the worker, the bot serving the
 * built sidebar, the fake WeCom server, and a headless Chromium sized like the WeCom chat toolbar.
 */
export async function startStack() {
  const config = loadProcessConfig()
  const def = definitionOrThrow(config, 'new-customer')
  const fake = await startDemoWecom()
  const t = await createTestDb()
  const rt = testRuntime(t, { ...DEMO_WECOM_ENV, WECOM_API_BASE: fake.url, NODE_ENV: 'test',
    STORAGE_DIR: mkdtempSync(join(tmpdir(), 'salespath-e2e-')) })
  await syncEnvTenant(rt.db, rt.settings)
  await seedDemoWithHistory(rt.db, { config, def, now: new Date(), storageDir: rt.settings.STORAGE_DIR, slug: ENV_TENANT_SLUG })
  const worker = await startWorker(rt, { config, digest: false })
  const bot = await startBot(rt)
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'] })
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' })
  const page: Page = await context.newPage()
  return {
    url: bot.url, page, context, rt, fake, db: t.db,
    async close() {
      await browser.close()
      await bot.close()
      await worker.close()
      await rt.queues.close()
      await fake.close()
      await t.drop()
    },
  }
}
export type Stack = Awaited<ReturnType<typeof startStack>>

/** Sign in through the dev platform as a member, opened from a customer chat with one of their contacts. */
export async function openAs(s: Stack, member: string, contactIndex = 0): Promise<void> {
  const [m] = await s.db.query(`SELECT id FROM member WHERE platform_user_id = $1`, [member])
  const contacts = await s.db.query(`SELECT ct.external_user_id FROM contact ct JOIN customer c ON c.id = ct.customer_id
    WHERE c.owner_id = $1 ORDER BY c.name`, [m.id])
  await s.page.goto(`${s.url}/sidebar/`)
  await s.page.locator('[data-test="member"]').selectOption(m.id)
  await s.page.locator('[data-test="entry"]').selectOption('single_chat_tools')
  await s.page.locator('[data-test="contact"]').selectOption(contacts[contactIndex].external_user_id)
  await s.page.locator('[data-test="login"]').click()
}

/** Sign in through the dev platform as a member on the manager pages (the workbench entry, ?view=manager). */
export async function openManagerAs(s: Stack, member: string): Promise<void> {
  const [m] = await s.db.query(`SELECT id FROM member WHERE platform_user_id = $1`, [member])
  await s.page.goto(`${s.url}/sidebar/?view=manager`)
  await s.page.locator('[data-test="member"]').selectOption(m.id)
  await s.page.locator('[data-test="login"]').click()
}
