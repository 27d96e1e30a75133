// CPU seconds used per request by each process on the path (Linux /proc; elsewhere the figures read 0).
import { readFileSync, readdirSync } from 'node:fs'

const TICK_US = 10_000 // USER_HZ = 100 on Linux

function ticks(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return Number(f[11]) + Number(f[12]) // utime + stime
  } catch {
    return 0
  }
}

function pidsMatching(pattern: RegExp): number[] {
  try {
    return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number).filter((pid) => {
      try {
        return pattern.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))
      } catch {
        return false
      }
    })
  } catch {
    return []
  }
}

export type CpuSnapshot = Record<'server' | 'client' | 'postgres' | 'redis', number>
type Side = keyof CpuSnapshot
/** Ticks so far per process id, per side. */
export type CpuSample = Record<Side, Map<number, number>>

/** Ticks so far of the server, this load generator, the PostgreSQL backends of `dbName`, and redis-server. */
export function cpuSample(serverPid: number, dbName: string): CpuSample {
  const of = (pids: number[]) => new Map(pids.map((p) => [p, ticks(p)]))
  return { server: of([serverPid]), client: of([process.pid]), postgres: of(pidsMatching(new RegExp(`postgres: .*${dbName}`))),
    redis: of(pidsMatching(/redis-server/)) }
}

/** Adds what each process spent between two samples (a backend that appeared in between counts from zero). */
export function addCpu(total: CpuSnapshot, from: CpuSample, to: CpuSample): void {
  for (const side of Object.keys(total) as Side[]) {
    for (const [pid, t] of to[side]) total[side] += t - (from[side].get(pid) ?? 0)
  }
}

export const cpuPerRequest = (c: CpuSnapshot, requests: number): string => (Object.keys(c) as Side[])
  .map((k) => `${k} ${((c[k] * TICK_US) / Math.max(1, requests)).toFixed(0)}`).join(', ')
