import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectEventually } from '../setup/expect-eventually.js'
import { hasChromium, openManagerAs, startStack, type Stack } from './stack.js'

const SHOTS = process.env.SCREENSHOTS_DIR ?? mkdtempSync(join(tmpdir(), 'salespath-shots-'))
type Activity = { kind: string; summary: string; photoUrl: string | null }
type Target = { row: number; column: number; rows: number; columns: number; rep: string; runId: string; approval: string }

describe.skipIf(!hasChromium)('the manager pages in a real browser, on the seeded demo history', () => {
  let s: Stack
  let target: Target
  beforeAll(async () => {
    s = await startStack()
  })
  afterAll(async () => s?.close())

  const api = async (path: string) => (await s.page.request.get(`${s.url}${path}`)).json()

  /** A red cell of the default (last 30 days) matrix with an overdue run that has an on-site photo and an approval trail. */
  async function redCellWithEvidence(): Promise<Target> {
    const m = await api('/api/dashboard/matrix?processId=new-customer')
    for (const [row, r] of m.rows.entries()) {
      for (const [column, c] of r.cells.entries()) {
        if (c.colour !== 'red') continue
        const { runs } = await api(`/api/dashboard/cell?processId=new-customer&memberId=${r.memberId}&node=${c.node}&colour=red`)
        for (const run of runs) {
          const rec = await api(`/api/dashboard/node-runs/${run.id}`)
          const approval = (rec.activities as Activity[]).find((a) => a.kind === 'approval')
          if (approval && (rec.activities as Activity[]).some((a) => a.photoUrl)) {
            return { row, column, rows: m.rows.length, columns: m.nodes.length, rep: r.name, runId: run.id, approval: approval.summary }
          }
        }
      }
    }
    throw new Error('the seeded history has no red cell with a photo and an approval trail')
  }

  it('signs a manager in and shows the matrix of their five reps', async () => {
    await openManagerAs(s, 'wangjianguo')
    await s.page.locator('[data-test="process-new-customer"]').click()
    await expectEventually(async () => expect(await s.page.locator('[data-test="matrix-chart"] svg').count()).toBe(1), 30_000)
    target = await redCellWithEvidence()
    expect(target.rows).toBe(5)
    await s.page.screenshot({ path: join(SHOTS, 'manager-matrix.png') })
  })

  it('clicks a red cell and lists its overdue runs', async () => {
    // The chart's grid (MatrixChart.vue): 72 px left, 8 px right and top, 56 px bottom; first rep on top.
    const box = (await s.page.locator('[data-test="matrix-chart"]').boundingBox())!
    const width = (box.width - 80) / target.columns
    const height = (Math.max(160, target.rows * 36 + 72) - 64) / target.rows
    await s.page.mouse.click(box.x + 72 + (target.column + 0.5) * width, box.y + 8 + (target.row + 0.5) * height)
    await expectEventually(async () => expect(await s.page.locator('[data-test="cell-title"]').textContent()).toContain(target.rep), 15_000)
    expect(await s.page.locator('[data-test="cell-title"]').textContent()).toContain('超时')
    const runs = s.page.locator('[data-test^="run-"]')
    expect(await runs.count()).toBeGreaterThan(0)
    for (const text of await runs.allTextContents()) expect(text).toContain('已超时')
  })

  it('opens an overdue run onto its on-site photo, actually loaded, and its approval trail', async () => {
    await s.page.locator(`[data-test="run-${target.runId}"]`).click()
    await expectEventually(async () => expect(await s.page.locator('[data-test="record"]').count()).toBe(1), 15_000)
    const photo = s.page.locator('[data-test="visit-photo"], [data-test="evidence-photo"]').first()
    await photo.scrollIntoViewIfNeeded()
    const loadedWidth = (img: unknown) => {
      const i = img as { complete: boolean; naturalWidth: number }
      return i.complete ? i.naturalWidth : 0
    }
    await expectEventually(async () => expect(await photo.evaluate(loadedWidth)).toBeGreaterThan(0), 15_000)
    expect(await s.page.locator('[data-test="approvals"]').textContent()).toContain(target.approval)
    await s.page.screenshot({ path: join(SHOTS, 'manager-run-record.png'), fullPage: true })
  })
})
