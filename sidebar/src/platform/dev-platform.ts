import type { GeoFix } from '../api/contract.js'
import { pickImageFile } from './file-input.js'
import { ENTRIES, type Entry, type Platform, type PlatformContext } from './platform.js'

const CONTEXT_KEY = 'salespath.dev.context'
/** West Lake, Hangzhou, as GCJ-02: where the dev platform "is" when the browser has no geolocation. */
export const DEV_FIXED_POINT: GeoFix = { lat: 30.2466, lng: 120.1528, accuracy: 30, coordSystem: 'gcj02' }

export function saveDevContext(ctx: PlatformContext, storage: Storage = sessionStorage): void {
  storage.setItem(CONTEXT_KEY, JSON.stringify(ctx))
}

export function loadDevContext(storage: Storage = sessionStorage): PlatformContext | null {
  try {
    const raw = JSON.parse(storage.getItem(CONTEXT_KEY) ?? 'null') as Partial<PlatformContext> | null
    if (!raw || !ENTRIES.includes(raw.entry as Entry)) return null
    return { entry: raw.entry as Entry, ...(raw.externalUserId ? { externalUserId: raw.externalUserId } : {}) }
  } catch {
    return null
  }
}

function browserLocation(geo: Geolocation | undefined): Promise<GeoFix> {
  if (!geo) return Promise.resolve(DEV_FIXED_POINT)
  return new Promise((resolve) => {
    geo.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude, accuracy: p.coords.accuracy, coordSystem: 'wgs84' }),
      () => resolve(DEV_FIXED_POINT),
      { enableHighAccuracy: true, timeout: 5000 },
    )
  })
}

/** An ordinary browser: the member and the customer chat are chosen on the dev login page. */
export function createDevPlatform(storage: Storage = sessionStorage): Platform & { sent: string[] } {
  const sent: string[] = []
  return {
    name: 'dev',
    sent,
    getContext: async () => loadDevContext(storage) ?? { entry: 'normal' },
    chooseImage: () => pickImageFile(false),
    takePhoto: () => pickImageFile(true),
    getLocation: () => browserLocation(globalThis.navigator?.geolocation),
    voice: null,
    canSendChatMessage: true,
    async sendChatMessage(text) {
      sent.push(text)
    },
  }
}
