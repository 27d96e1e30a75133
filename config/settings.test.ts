import { describe, expect, it } from 'vitest'
import { ConfigError, loadSettings } from './settings.js'

const base = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db', SESSION_SECRET: 'x'.repeat(32) }

function issuesOf(env: Record<string, string>) {
  try {
    loadSettings(env)
  } catch (e) {
    if (e instanceof ConfigError) return e.issues
    throw e
  }
  throw new Error('expected a ConfigError')
}

describe('loadSettings', () => {
  it('applies defaults: port 3000, postgres queue when no Redis is configured', () => {
    const s = loadSettings(base)
    expect(s.PORT).toBe(3000)
    expect(s.QUEUE_BACKEND).toBe('postgres')
    expect(s.WECOM_ENABLED).toBe(false)
  })
  it('uses Redis for queues when REDIS_URL is set', () => {
    expect(loadSettings({ ...base, REDIS_URL: 'redis://127.0.0.1:6379' }).QUEUE_BACKEND).toBe('redis')
  })
  it('reports every problem together, by variable name', () => {
    const issues = issuesOf({ PORT: 'eighty', REDIS_URL: 'http://x', WECOM_ENABLED: 'yes' })
    expect(issues.map((i) => i.variable).sort()).toEqual(
      ['DATABASE_URL', 'PORT', 'REDIS_URL', 'SESSION_SECRET', 'WECOM_ENABLED'].sort(),
    )
  })
  it('requires every WeCom credential when WeCom is enabled', () => {
    const issues = issuesOf({ ...base, WECOM_ENABLED: 'true', WECOM_AES_KEY: 'short' })
    expect(issues.map((i) => i.variable).sort()).toEqual(
      ['WECOM_AES_KEY', 'WECOM_AGENT_ID', 'WECOM_CORP_ID', 'WECOM_SECRET', 'WECOM_TOKEN'],
    )
  })
  it('reads "false" as false, unlike z.coerce.boolean', () => {
    expect(loadSettings({ ...base, WECOM_ENABLED: 'false' }).WECOM_ENABLED).toBe(false)
  })
  it('treats empty strings as unset', () => {
    expect(loadSettings({ ...base, REDIS_URL: '' }).QUEUE_BACKEND).toBe('postgres')
  })
  it('names the variables in the message printed at start', () => {
    expect(() => loadSettings({})).toThrow(/DATABASE_URL[\s\S]*SESSION_SECRET/)
  })
})
