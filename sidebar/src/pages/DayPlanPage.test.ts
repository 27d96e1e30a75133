import { describe, expect, it, vi } from 'vitest'
import { mountWith } from '../testing/mount-with.js'
import DayPlanPage from './DayPlanPage.vue'

const links = (n: number) => ({ amap: `https://uri.amap.com/navigation?to=${n}`, baidu: `https://api.map.baidu.com/${n}`, tencent: `https://apis.map.qq.com/${n}` })
const VIEW = {
  stops: [{ id: 'a', name: '浙大二院' }, { id: 'b', name: '杭州学军中学' }],
  plan: { travelMin: 42, feasible: true, legs: [
    { toId: 'b', arriveAt: '08:55', travelMin: 25, late: false, links: links(1) },
    { toId: 'a', arriveAt: '10:20', travelMin: 17, late: true, links: links(2) },
    { toId: null, arriveAt: '12:00', travelMin: 0, late: false, links: links(3) },
  ] },
}

describe('DayPlanPage', () => {
  it('lists the day’s visits in route order with arrival times, a late warning and navigation links', async () => {
    const m = mountWith(DayPlanPage, {}, { routes: { 'GET /api/day-plan': () => ({ body: VIEW }) } })
    await vi.waitFor(() => expect(m.wrapper.find('[data-test=route-legs]').exists()).toBe(true))
    expect(m.wrapper.find('[data-test=route-summary]').text()).toBe('2 个拜访，车程约 42 分钟')
    const text = m.wrapper.find('[data-test=route-legs]').text()
    expect(text.indexOf('08:55 杭州学军中学')).toBeLessThan(text.indexOf('10:20 浙大二院'))
    expect(text).toContain('赶不上时间窗')
    expect(m.wrapper.findAll('[data-test=amap]').map((a) => a.attributes('href'))).toEqual([links(1).amap, links(2).amap])
  })

  it('says so when nothing is planned today', async () => {
    const m = mountWith(DayPlanPage, {}, { routes: { 'GET /api/day-plan': () => ({ body: { stops: [], plan: null } }) } })
    await vi.waitFor(() => expect(m.wrapper.find('[data-test=route-empty]').exists()).toBe(true))
    expect(m.wrapper.text()).toContain('今天没有计划的拜访')
  })
})
