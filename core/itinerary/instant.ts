/*
 * Timestamps arrive as ISO 8601 text. Phones write EXIF DateTimeOriginal without an offset, and JS would read such
 * text in the *server's* zone, so a missing offset is resolved with the configured zone instead.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/

const MINUTE_MS = 60_000

function offsetMinutes(zone: string | undefined, fallback: number): number {
  if (zone === undefined) return fallback
  if (zone === 'Z') return 0
  const sign = zone.startsWith('-') ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)))
}

/** Epoch milliseconds of an ISO 8601 timestamp, or null if it is not one. */
export function parseInstant(text: string, defaultOffsetMin: number): number | null {
  const m = ISO.exec(text.trim())
  if (!m) return null
  const [, y, mo, d, h, mi, s, frac, zone] = m
  const month = Number(mo)
  const day = Number(d)
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return null
  const ms = frac === undefined ? 0 : Math.round(Number(`0.${frac}`) * 1000)
  const utc = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s ?? 0), ms)
  return utc - offsetMinutes(zone, defaultOffsetMin) * MINUTE_MS
}

/** The wall-clock date, weekday (0 = Sunday) and minute of day of an instant in a fixed-offset zone. */
export function localClock(epochMs: number, offsetMin: number): { date: string; weekday: number; minuteOfDay: number } {
  const shifted = new Date(epochMs + offsetMin * MINUTE_MS)
  return {
    date: shifted.toISOString().slice(0, 10),
    weekday: shifted.getUTCDay(),
    minuteOfDay: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
  }
}

const HH_MM = /^([01]?\d|2[0-3]):([0-5]\d)$/

/** Minutes since midnight of "HH:MM", or null. "24:00" is allowed as the end of a day. */
export function parseClock(text: string): number | null {
  if (text === '24:00') return 1440
  const m = HH_MM.exec(text.trim())
  return m ? Number(m[1]) * 60 + Number(m[2]) : null
}

export function formatClock(minutes: number): string {
  const total = Math.round(minutes)
  const h = Math.floor(total / 60)
  const m = total - h * 60
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`
}
