/**
 * npm run route -- FILE [--config PATH]
 *
 * Contract (kept stable for scoring; also in bench/data/routes/README.md):
 * - matrix input  {"matrix":[[...]],"windows":[[ready,due],...]?,"service":[...]?,"start":0,"returnToStart":true}
 *   → {"order":[node indices, starting with start, each node once; the return to start is implied, not repeated],
 *      "cost": total travel in matrix units (including the leg back when returnToStart),
 *      "feasible": every service starts by its due time (and the return by the start's due),
 *      "arrivals": time service begins at each node of `order` (waiting for a window to open counts; the first is the
 *                  start's ready time, or 0)}
 * - stops input   {"stops":[{"id","lat","lng","window":["09:00","11:30"],"serviceMin"}],"start":{"lat","lng"},
 *                  "departAt":"08:30","returnToStart"?:false,"coordSystem"?:"wgs84"|"gcj02"}
 *   → {"order":[stop ids in visiting order], "cost": travel minutes (great-circle × road factor ÷ speed),
 *      "feasible": bool, "arrivals":["HH:MM" when each visit begins, aligned with order]}
 * When not feasible, a "late" key lists the nodes/ids whose window is missed. Exactly one JSON object goes to stdout;
 * bad input → message on stderr, exit code 2. Search effort and travel model: config/itinerary.yaml, section `routes`.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { renderMessage, type Rejection } from '../core/errors.js'
import { parseCliArgs } from '../core/itinerary/cli-input.js'
import { routeOutput } from '../core/routes/route-cli.js'

function fail(r: Rejection): never {
  const m = renderMessage(r.code, r.params)
  process.stderr.write(`route: ${m.en}\n${m.zh}\n`)
  process.exit(2)
}

function readOrFail(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (e) {
    return fail({ code: 'BAD_REQUEST', params: { detail: `cannot read ${path}: ${(e as Error).message}` } })
  }
}

const args = parseCliArgs(process.argv.slice(2))
if (!args.ok) fail(args.error)
const configPath = args.value.configPath ?? join(import.meta.dirname, '..', 'config', 'itinerary.yaml')
const configDoc: unknown = args.value.configPath !== null || existsSync(configPath) ? parseYaml(readOrFail(configPath)) : {}
const out = routeOutput(readOrFail(args.value.file), configDoc)
if (!out.ok) fail(out.error)
process.stdout.write(`${out.value}\n`)
