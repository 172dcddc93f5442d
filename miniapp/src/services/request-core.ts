/**
 * Platform-free HTTP client core: token header, one error shape, a single re-login on 401.
 * request.ts wires it to Taro.request; upload.ts reuses `authed` for Taro.uploadFile.
 * Kept free of Taro imports so it is unit-tested in node (request-core.test.ts).
 */
import { ApiError, networkError, toApiError } from './errors'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface RawResponse {
  statusCode: number
  data: unknown
}

export interface TransportRequest {
  url: string
  method: Method
  data?: unknown
  header: Record<string, string>
}

/** Performs one HTTP exchange. Rejects (with anything) only when no HTTP answer arrived. */
export type Transport = (req: TransportRequest) => Promise<RawResponse>

export interface ClientDeps {
  baseUrl: string
  transport: Transport
  getToken: () => string | null
  clearToken: () => void
  /** Logs in from scratch and returns the new token (stores it too). */
  login: () => Promise<string>
}

export interface RequestOptions {
  url: string
  method?: Method
  data?: unknown
  query?: Record<string, string | number | boolean | undefined | null>
  header?: Record<string, string>
  /** false for the login calls themselves. Default true. */
  auth?: boolean
}

/** `?a=1&b=x` from an object, skipping undefined/null/''. */
export function buildQuery(query?: RequestOptions['query']): string {
  if (!query) return ''
  const parts: string[] = []
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  }
  return parts.length ? `?${parts.join('&')}` : ''
}

/** Collapses concurrent calls into one in-flight promise (many 401s → one login). */
export function singleFlight<T>(fn: () => Promise<T>): () => Promise<T> {
  let inflight: Promise<T> | null = null
  return () => {
    if (!inflight) {
      inflight = fn().finally(() => {
        inflight = null
      })
    }
    return inflight
  }
}

export interface Client {
  request<T>(opts: RequestOptions): Promise<T>
  /** Runs `send(token)` with a token, re-logging in and retrying once on 401; maps errors. */
  authed<T>(send: (token: string | null) => Promise<RawResponse>, auth?: boolean): Promise<T>
  /** Log in now unless a token is stored. */
  ensureLogin(): Promise<string>
  /** Absolute URL for an API path (for uploads). */
  url(path: string): string
}

export function createClient(deps: ClientDeps): Client {
  const login = singleFlight(deps.login)

  async function ensureLogin(): Promise<string> {
    return deps.getToken() ?? login()
  }

  async function exchange(send: (token: string | null) => Promise<RawResponse>, token: string | null) {
    try {
      return await send(token)
    } catch (e) {
      if (e instanceof ApiError) throw e
      throw networkError((e as { errMsg?: string } | undefined)?.errMsg ?? String(e))
    }
  }

  async function authed<T>(send: (token: string | null) => Promise<RawResponse>, auth = true): Promise<T> {
    const token = auth ? await ensureLogin() : null
    let res = await exchange(send, token)
    if (res.statusCode === 401 && auth) {
      // The stored token expired or was revoked: log in once more and retry once.
      deps.clearToken()
      const fresh = await login()
      res = await exchange(send, fresh)
    }
    const err = toApiError(res.statusCode, res.data)
    if (err) throw err
    return res.data as T
  }

  function url(path: string) {
    return /^https?:\/\//.test(path) ? path : deps.baseUrl + path
  }

  function request<T>(opts: RequestOptions): Promise<T> {
    const method = opts.method ?? 'GET'
    const full = url(opts.url) + buildQuery(opts.query)
    return authed<T>((token) => {
      const header: Record<string, string> = { 'Content-Type': 'application/json', ...opts.header }
      if (token) header.Authorization = `Bearer ${token}`
      return deps.transport({ url: full, method, data: opts.data, header })
    }, opts.auth !== false)
  }

  return { request, authed, ensureLogin, url }
}
