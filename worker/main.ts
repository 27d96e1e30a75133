import { loadSettings } from '../config/settings.js'
import { exitOnConfigError } from '../io/boot.js'
import { loadProcessConfig } from '../io/config/process-config.js'
import { closeOnSignal } from '../io/lifecycle.js'
import { closeRuntime, openRuntime } from '../io/runtime.js'
import { startWorker } from './run.js'

const settings = exitOnConfigError(loadSettings)
const config = exitOnConfigError(() => loadProcessConfig())
const rt = await openRuntime(settings, 'worker')
const worker = await startWorker(rt, { config })
closeOnSignal(rt.log, settings.SHUTDOWN_TIMEOUT_MS, [worker, { name: 'runtime', close: () => closeRuntime(rt) }])
