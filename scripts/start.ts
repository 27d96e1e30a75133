// `npm start`: bot and worker in one process. `npm run bot` / `npm run worker` run them apart to scale each.
import { startBot } from '../bot/server.js'
import { loadSettings } from '../config/settings.js'
import { exitOnConfigError } from '../io/boot.js'
import { loadProcessConfig } from '../io/config/process-config.js'
import { closeOnSignal } from '../io/lifecycle.js'
import { closeRuntime, openRuntime } from '../io/runtime.js'
import { startWorker } from '../worker/run.js'

const settings = exitOnConfigError(loadSettings)
const config = exitOnConfigError(() => loadProcessConfig())
const rt = await openRuntime(settings, 'salespath')
const worker = await startWorker(rt, { config })
const bot = await startBot(rt)
closeOnSignal(rt.log, settings.SHUTDOWN_TIMEOUT_MS, [bot, worker, { name: 'runtime', close: () => closeRuntime(rt) }])
