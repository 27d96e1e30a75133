import { ApiError, NETWORK_ERROR, errorFromBody } from './api-error.js'

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>

/** Proxies and crashed upstreams answer with HTML; that must become an error, not a thrown SyntaxError. */
function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null
  } catch {
    return null
  }
}

/**
 * One call to the bot with the session cookie, answered as JSON. Every failure throws ApiError carrying a UiError:
 * NETWORK when nothing came back, else the catalog error in the body (or one made from the status).
 */
export async function requestJson<T>(fetchFn: FetchFn, url: string, init: RequestInit): Promise<T> {
  let res: Response
  try {
    res = await fetchFn(url, { credentials: 'include', ...init, headers: { accept: 'application/json', ...(init.headers as Record<string, string> | undefined) } })
  } catch {
    throw new ApiError(NETWORK_ERROR)
  }
  const parsed = parseJson(await res.text())
  if (!res.ok) throw new ApiError(errorFromBody(res.status, parsed))
  return parsed as T
}
