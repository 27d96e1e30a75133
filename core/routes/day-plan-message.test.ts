import { describe, expect, it } from 'vitest'
import { planDay } from './day-plan.js'
import { renderDayPlan } from './day-plan-message.js'

const stops = [
  { id: 'a', name: '浙大一院', lat: 30.2596, lng: 120.1776, window: ['09:00', '11:30'] as const, serviceMin: 40 },
  { id: 'b', name: '杭州学军中学', lat: 30.28, lng: 120.142, serviceMin: 30 },
]

describe('renderDayPlan', () => {
  it('lists every visit in route order with its arrival time and three navigation links', () => {
    const r = planDay({ stops, start: { lat: 30.25, lng: 120.16, name: '公司' }, departAt: '08:30' })
    if (!r.ok) throw new Error(r.error.code)
    const text = renderDayPlan(r.value, stops, 'zh', '2026-11-30')
    expect(text).toMatch(/今日路线 2026-11-30 · 2 个拜访/)
    const lines = text.split('\n').filter((l) => /^> \d\./.test(l))
    expect(lines.map((l) => l.replace(/^> \d\. \d\d:\d\d /, '').replace(/（.*$/, ''))).toEqual(r.value.order.map((id) => stops.find((s) => s.id === id)!.name))
    expect(text.match(/uri\.amap\.com\/navigation/g)).toHaveLength(2)
    expect(text).toContain('[百度](')
  })
  it('speaks English to English readers', () => {
    const r = planDay({ stops: stops.slice(0, 1), start: { lat: 30.25, lng: 120.16 }, departAt: '08:30' })
    if (!r.ok) throw new Error(r.error.code)
    expect(renderDayPlan(r.value, stops.slice(0, 1), 'en', '2026-11-30')).toMatch(/Today's route 2026-11-30 · 1 visits/)
  })
})
