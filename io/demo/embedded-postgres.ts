import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { uuid_ossp } from '@electric-sql/pglite/contrib/uuid_ossp'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { AppError } from '../app-error.js'
import { serialiseProtocolCycles } from './pglite-cycle-queue.js'

export type EmbeddedPostgres = { url: string; dataDir: string; stop: () => Promise<void> }

/**
 * PostgreSQL for the zero-setup demo: PGlite (Postgres in wasm) behind pglite-socket, so the same pg
 * driver, TypeORM migrations and BullMQ's PostgreSQL backend run unchanged (STACK.md §6–7).
 * One process per data folder, enforced by a lock file: two writers corrupt PGlite beyond repair.
 */
export async function startEmbeddedPostgres(dataDir: string, maxConnections = 64): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true })
  const releaseLock = takeLock(join(dataDir, '..', `${baseName(dataDir)}.lock`), dataDir)
  try {
    const db = await openPglite(dataDir)
    // pglite-socket ignores startup options, so BullMQ's `-c search_path=bullmq` never arrives;
    // PGlite is one session, so setting it once covers every socket connection.
    await db.exec('SET search_path TO public, bullmq')
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections })
    serialiseProtocolCycles(server)
    await server.start()
    const url = `postgres://postgres@${server.getServerConn()}/postgres`
    return {
      url, dataDir,
      stop: async () => {
        // stop() can hang while clients are still attached; bound it, then close the database.
        await Promise.race([server.stop(), new Promise((r) => setTimeout(r, 2000).unref())])
        await db.close()
        releaseLock()
      },
    }
  } catch (e) {
    releaseLock()
    throw e
  }
}

/**
 * Demo data is disposable: a folder left unreadable (`PANIC: could not locate a valid checkpoint record`
 * after two writers, STACK.md §6) is recreated rather than leaving the demo dead.
 */
async function openPglite(dataDir: string): Promise<PGlite> {
  try {
    return await PGlite.create({ dataDir, extensions: { uuid_ossp } })
  } catch (e) {
    process.stderr.write(`演示数据目录损坏，已重建 / demo data folder was unreadable and is recreated: ${(e as Error).message}\n`)
    rmSync(dataDir, { recursive: true, force: true })
    mkdirSync(dataDir, { recursive: true })
    return PGlite.create({ dataDir, extensions: { uuid_ossp } })
  }
}

const baseName = (p: string) => p.replace(/\/+$/, '').split('/').pop() ?? 'data'

function takeLock(lockPath: string, dataDir: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      const release = () => rmSync(lockPath, { force: true })
      process.once('exit', release) // also when shutdown times out and exits early
      return release
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      const pid = Number(readFileSync(lockPath, 'utf8').trim())
      if (isAlive(pid)) throw new AppError('DEMO_DATA_DIR_LOCKED', { dir: dataDir, pid })
      rmSync(lockPath, { force: true }) // left by a process that died; its data is still consistent
    }
  }
  throw new AppError('DEMO_DATA_DIR_LOCKED', { dir: dataDir, pid: 'unknown' })
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}
