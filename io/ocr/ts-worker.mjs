// The entry of a worker thread running a TypeScript module (workerData.module, a file URL): a worker thread does not
// inherit tsx's loader from the main thread (nor from vitest), so it registers tsx itself before loading the module.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.module)
