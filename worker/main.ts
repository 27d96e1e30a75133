import { loadSettings } from '../config/settings.js'
import { exitOnConfigError } from '../io/boot.js'
import { closeOnSignal } from '../io/lifecycle.js'
import { closeRuntime, openRuntime } from '../io/runtime.js'
import { startWorker } from './run.js'

const settings = exitOnConfigError(loadSettings)
const rt = await openRuntime(settings, 'worker')
const worker = await startWorker(rt)
closeOnSignal(rt.log, settings.SHUTDOWN_TIMEOUT_MS, [worker, { name: 'runtime', close: () => closeRuntime(rt) }])
