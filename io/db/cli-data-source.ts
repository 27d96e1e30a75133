import { createDataSource } from './data-source.js'

// The TypeORM CLI (npm run migrate / migration:generate / migration:revert) loads this file;
// it must export exactly one DataSource (STACK.md gotchas).
export const CliDataSource = createDataSource({
  url: process.env.DATABASE_URL ?? 'postgres://salespath:salespath@127.0.0.1:5432/salespath',
  poolSize: 2,
  applicationName: 'salespath-cli',
})
