/**
 * A span of working time 时限: whole working days (each as long as the tenant's working day)
 * plus working minutes. "3d" entered on a Friday afternoon ends on the third working day after.
 */
export type WorkingDuration = { days: number; minutes: number }

/** '3d', '4h', '30m', '1d4h', '0h'. Units must appear in d-h-m order; null when malformed. */
export function parseDuration(text: string): WorkingDuration | null {
  const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/.exec(text.trim())
  if (!m || text.trim() === '') return null
  const [, d, h, min] = m
  return { days: Number(d ?? 0), minutes: Number(h ?? 0) * 60 + Number(min ?? 0) }
}

export function formatDuration(d: WorkingDuration): string {
  const h = Math.floor(d.minutes / 60)
  const m = d.minutes % 60
  const parts = [d.days ? `${d.days}d` : '', h ? `${h}h` : '', m ? `${m}m` : ''].join('')
  return parts === '' ? '0h' : parts
}
