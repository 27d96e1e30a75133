/**
 * Wall-clock arithmetic in Asia/Shanghai. China has used UTC+8 without daylight saving since 1991,
 * so a fixed offset is exact and keeps core free of Intl and time-zone databases.
 */
const OFFSET_MS = 8 * 3_600_000
export const MS_PER_DAY = 86_400_000
export const MS_PER_MINUTE = 60_000

/** A Beijing calendar day as a day number since 1970-01-01 plus the minute within that day. */
export type LocalTime = { day: number; minute: number }

export function toLocal(date: Date): LocalTime {
  const t = date.getTime() + OFFSET_MS
  const day = Math.floor(t / MS_PER_DAY)
  return { day, minute: Math.floor((t - day * MS_PER_DAY) / MS_PER_MINUTE) }
}

export function fromLocal(day: number, minute: number): Date {
  return new Date(day * MS_PER_DAY + minute * MS_PER_MINUTE - OFFSET_MS)
}

/** 0 = Sunday … 6 = Saturday; day 0 (1970-01-01) was a Thursday. */
export const weekdayOf = (day: number): number => (((day + 4) % 7) + 7) % 7

/** 'YYYY-MM-DD' of a local day number. */
export const dayToIso = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10)

export function isoToDay(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return null
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return dayToIso(t / MS_PER_DAY) === iso ? t / MS_PER_DAY : null
}

/** 'HH:MM' → minutes after midnight; '24:00' is allowed as an end of day. */
export function parseClock(hhmm: string): number | null {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(hhmm)
  if (!m) return null
  const minutes = Number(m[1]) * 60 + Number(m[2])
  return minutes <= 1440 ? minutes : null
}

/** Beijing local 'YYYY-MM-DD HH:MM' (or 'YYYY-MM-DDTHH:MM') → Date; null when malformed. */
export function parseBeijing(text: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}))?$/.exec(text.trim())
  if (!m || !m[1]) return null
  const day = isoToDay(m[1])
  const minute = m[2] === undefined ? 0 : parseClock(m[2])
  if (day === null || minute === null || minute >= 1440) return null
  return fromLocal(day, minute)
}

export function formatBeijing(date: Date): string {
  const { day, minute } = toLocal(date)
  const hh = String(Math.floor(minute / 60)).padStart(2, '0')
  const mm = String(minute % 60).padStart(2, '0')
  return `${dayToIso(day)} ${hh}:${mm}`
}
