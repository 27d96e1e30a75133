import { loadSettings } from '../config/settings.js'
import { closeOnSignal } from '../io/lifecycle.js'
import { closeRuntime, openRuntime } from '../io/runtime.js'
import { startBot } from './server.js'
import { exitOnConfigError } from '../io/boot.js'

const settings = exitOnConfigError(loadSettings)
const rt = await openRuntime(settings, 'bot')
const bot = await startBot(rt)
closeOnSignal(rt.log, settings.SHUTDOWN_TIMEOUT_MS, [bot, { name: 'runtime', close: () => closeRuntime(rt) }])
