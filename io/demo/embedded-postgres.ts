import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { uuid_ossp } from '@electric-sql/pglite/contrib/uuid_ossp'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { AppError } from '../app-error.js'

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
    const db = await PGlite.create({ dataDir, extensions: { uuid_ossp } })
    // pglite-socket ignores startup options, so BullMQ's `-c search_path=bullmq` never arrives;
    // PGlite is one session, so setting it once covers every socket connection.
    await db.exec('SET search_path TO public, bullmq')
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections })
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

const baseName = (p: string) => p.replace(/\/+$/, '').split('/').pop() ?? 'data'

function takeLock(lockPath: string, dataDir: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => rmSync(lockPath, { force: true })
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
