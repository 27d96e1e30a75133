import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { mediaFromFolder } from './wecom-fake-media.js'
import { startFakeWecom } from './wecom-server.js'
import type { FakeDepartment, FakeUser } from './wecom-fake-state.js'

// Runs the fake WeCom server on its own for manual tests and demos:
//   npx tsx test/fakes/wecom-fake-main.ts --port 3901 [--directory dir.json] [--media-dir test/fixtures/quotes]
// then point the bot at it with WECOM_API_BASE=http://127.0.0.1:3901 and open that URL to see what was sent.

const { values: a } = parseArgs({
  options: {
    port: { type: 'string', default: '3901' },
    directory: { type: 'string' },
    'media-dir': { type: 'string' },
  },
})

const directory = a.directory
  ? (JSON.parse(readFileSync(a.directory, 'utf8')) as { users?: FakeUser[]; departments?: FakeDepartment[] })
  : {}
const fake = await startFakeWecom({
  corpId: process.env.WECOM_CORP_ID ?? 'wwsalespathdemo',
  secret: process.env.WECOM_SECRET ?? 'salespath-demo-secret',
  agentId: process.env.WECOM_AGENT_ID ?? '1000002',
  ...directory,
  ...(a['media-dir'] ? { media: mediaFromFolder(a['media-dir']) } : {}),
  port: Number(a.port),
})
process.stdout.write(`fake WeCom listening on ${fake.url} (sent messages: ${fake.url}/)\n`)
const stop = () => void fake.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
