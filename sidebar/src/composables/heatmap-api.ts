import type { InjectionKey } from 'vue'
import type { HeatmapClient } from '../api/heatmap-contract.js'

/** Provided by tests (a fake bot) or left to the default client over fetch. */
export const HEATMAP_API_KEY: InjectionKey<HeatmapClient> = Symbol('salespath-heatmap-api')
