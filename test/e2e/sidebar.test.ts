import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectEventually } from '../setup/expect-eventually.js'
import { FIXTURES, hasChromium, openAs, startStack, truth, type Stack } from './stack.js'

// The README's screenshots are refreshed with SCREENSHOTS_DIR=docs/screenshots npm run test:e2e; by default
// a run leaves the tracked files alone.
const SHOTS = process.env.SCREENSHOTS_DIR ?? mkdtempSync(join(tmpdir(), 'salespath-shots-'))

describe.skipIf(!hasChromium)('the sidebar in a real browser', () => {
  let s: Stack
  beforeAll(async () => {
    s = await startStack()
  })
  afterAll(async () => s?.close())

  it('opens from a customer chat and shows the stage and what is missing', async () => {
    await openAs(s, 'lina', 0)
    await expectEventually(async () => expect(await s.page.locator('[data-test="node"]').textContent()).toBeTruthy(), 30_000)
    const [opp] = await s.db.query(`SELECT o.current_node FROM opportunity o JOIN customer c ON c.id = o.customer_id
      JOIN member m ON m.id = o.owner_id WHERE m.platform_user_id = 'lina' ORDER BY c.name LIMIT 1`)
    expect(opp.current_node).toBeTruthy()
    await s.page.screenshot({ path: join(SHOTS, 'customer-card.png') })
  })

  it('archives a quote image: OCR progress, the amount read, confirmed into the quote deliverable', async () => {
    const q = truth()[0]!
    await s.page.locator('[data-test="go-quote"]').click()
    const chooser = s.page.waitForEvent('filechooser')
    await s.page.locator('[data-test="choose"]').click()
    await (await chooser).setFiles(join(FIXTURES, q.file))
    await expectEventually(async () => {
      const amount = await s.page.locator('[data-test="field-amount"] input').inputValue()
      expect(Number(amount.replace(/[,，]/g, ''))).toBe(q.amount)
    }, 120_000, 500)
    await s.page.screenshot({ path: join(SHOTS, 'quote-confirm.png') })
    for (const box of await s.page.locator('[data-test^="confirm-"]').all()) await box.click()
    await s.page.locator('[data-test="confirm"]').click()
    await expectEventually(async () => expect(await s.page.locator('[data-test="done"]').count()).toBe(1), 30_000)
    // The demo history's own quotes carry client ids starting with demo-; this is the one just confirmed.
    const rows = await s.db.query(`SELECT data FROM deliverable WHERE kind = 'quote' AND client_id NOT LIKE 'demo-%'`)
    expect(rows).toEqual([expect.objectContaining({ data: expect.objectContaining({ amount: q.amount }) })])
  })

  it('refuses a visit without its on-site photo with a clear message', async () => {
    const visits = async () => (await s.db.query(`SELECT count(*)::int AS n FROM activity WHERE kind = 'visit'`))[0].n as number
    const before = await visits()
    await s.page.locator('[data-test="back"]').click()
    await s.page.locator('[data-test="go-visit"]').first().click()
    await s.page.locator('[data-test="submit"]').click()
    await expectEventually(async () => expect(await s.page.locator('[data-test="problems"]').textContent()).toContain('现场照片'), 15_000)
    expect(await visits()).toBe(before)
    await s.page.screenshot({ path: join(SHOTS, 'visit-photo-required.png') })
  })

  it('keeps a visit made offline and stores it exactly once when the connection is back', async () => {
    const visits = async () => (await s.db.query(`SELECT count(*)::int AS n FROM activity WHERE kind = 'visit'`))[0].n as number
    const before = await visits()
    await s.context.grantPermissions(['geolocation'])
    await s.context.setGeolocation({ latitude: 30.2330, longitude: 119.7240, accuracy: 20 })
    await s.page.locator('[data-test="locate"]').click()
    const chooser = s.page.waitForEvent('filechooser')
    await s.page.locator('[data-test="take-photo"]').click()
    await (await chooser).setFiles(join(FIXTURES, truth()[1]!.file))
    await s.page.locator('[data-test="pain-points"] textarea').fill('设备老化，年底前要走招标；预算约 80 万')
    await s.page.locator('[data-test="next-follow-up"] input').fill('2026-12-03T10:00')
    await s.context.setOffline(true)
    await s.page.locator('[data-test="submit"]').click()
    await expectEventually(async () => expect(await s.page.locator('[data-test="pending"]').textContent()).toMatch(/1/), 15_000)
    expect(await visits()).toBe(before)
    await s.context.setOffline(false)
    await expectEventually(async () => expect(await visits()).toBe(before + 1), 30_000, 250)
    await s.page.evaluate("window.dispatchEvent(new Event('online'))") // a second "back online" sends nothing more
    await expectEventually(async () => expect(await s.page.locator('[data-test="pending"]').count()).toBe(0), 15_000)
    expect(await visits()).toBe(before + 1)
  })
})

