import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { extname, join, resolve, sep } from 'node:path'
import Router from '@koa/router'
import type { AppState } from './app-state.js'

export const SIDEBAR_DIST = join(import.meta.dirname, '..', 'sidebar', 'dist')

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.webp': 'image/webp',
  '.woff2': 'font/woff2', '.ico': 'image/x-icon', '.map': 'application/json', '.txt': 'text/plain; charset=utf-8',
}

/** A file strictly inside `root` for a URL path, or null (no `..`, no NUL, no absolute escapes, no dotfiles). */
export function resolveInside(root: string, urlPath: string): string | null {
  let rel: string
  try {
    rel = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (rel.includes('\0') || rel.split(/[/\\]/).some((seg) => seg === '..' || seg.startsWith('.'))) return null
  const base = resolve(root)
  const file = resolve(base, `.${sep}${rel}`)
  return file === base || file.startsWith(base + sep) ? file : null
}

/**
 * The built sidebar at /sidebar/: hashed assets cached for a year, index.html never cached (a new build must
 * reach phones at once). Paths without a file fall back to index.html, so a reload deep in the app works.
 */
export function serveSidebar(root = SIDEBAR_DIST): Router<AppState> {
  const r = new Router<AppState>()
  r.get(/^\/sidebar(\/.*)?$/, async (ctx) => {
    if (ctx.path === '/sidebar') return ctx.redirect('/sidebar/')
    const rel = ctx.path.slice('/sidebar/'.length) || 'index.html'
    let file = resolveInside(root, rel)
    if (!file) return // 404 through the boundary
    let st = await stat(file).catch(() => null)
    if (!st?.isFile()) {
      if (extname(rel)) return
      file = join(root, 'index.html')
      st = await stat(file).catch(() => null)
      if (!st?.isFile()) return
    }
    const isIndex = file.endsWith(`${sep}index.html`)
    ctx.type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
    ctx.length = st.size
    ctx.set('Cache-Control', isIndex ? 'no-cache' : rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=300')
    ctx.set('X-Content-Type-Options', 'nosniff')
    ctx.body = createReadStream(file)
  })
  return r
}
