// `npm run docs:errors`: the README's error-code table, generated from the one catalog (core/errors.ts).
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { errorTable, replaceBetweenMarkers } from './error-table.js'

const readme = join(import.meta.dirname, '..', 'README.md')
writeFileSync(readme, replaceBetweenMarkers(readFileSync(readme, 'utf8'), errorTable()))
process.stdout.write('README.md error table updated\n')
