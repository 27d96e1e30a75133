import { readFileSync } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import type { ProductCatalogue } from '../../core/parsing/quote/models.js'

const Catalogue = z.object({
  products: z.array(z.object({
    model: z.string().trim().min(2),
    name: z.string().optional(),
    aliases: z.array(z.string().trim().min(2)).optional(),
  })).min(1),
})

/** Reads a tenant's product catalogue (YAML); throws with every issue listed when the file is malformed. */
export function loadProductCatalogue(path: string): ProductCatalogue {
  const parsed = Catalogue.safeParse(parseYaml(readFileSync(path, 'utf8')))
  if (!parsed.success) {
    throw new Error(`${path}: ${parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  }
  return parsed.data
}
