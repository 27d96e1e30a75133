import { execFileSync } from 'node:child_process'

/** The e2e tier tests what users get: the production build of the sidebar, built once per run. */
export default function buildSidebar(): void {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'sidebar/vite.config.ts', '--logLevel', 'warn'],
    { stdio: 'inherit' })
}
