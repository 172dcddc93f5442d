import { describe, expect, it, vi } from 'vitest'
import { buildQuery, createClient, singleFlight, type RawResponse, type TransportRequest } from './request-core'
import { ApiError, toApiError } from './errors'

function setup(responses: Array<RawResponse | Error>, token: string | null = 'old') {
  const store = { token }
  const calls: TransportRequest[] = []
  const login = vi.fn(async () => {
    store.token = `new${login.mock.calls.length}`
    return store.token
  })
  const client = createClient({
    baseUrl: 'https://api.test',
    getToken: () => store.token,
    clearToken: () => {
      store.token = null
    },
    login,
    transport: async (req) => {
      calls.push(req)
      const r = responses.shift()
      if (!r) throw new Error('no more responses')
      if (r instanceof Error) throw r
      return r
    },
  })
  return { client, calls, login, store }
}

describe('request core', () => {
  it('sends the bearer token, base URL and query', async () => {
    const { client, calls } = setup([{ statusCode: 200, data: { ok: 1 } }])
    await expect(client.request({ url: '/api/v1/x', query: { a: 1, b: undefined, c: '岳阳' } })).resolves.toEqual({ ok: 1 })
    expect(calls[0]!.url).toBe('https://api.test/api/v1/x?a=1&c=%E5%B2%B3%E9%98%B3')
    expect(calls[0]!.header.Authorization).toBe('Bearer old')
  })

  it('logs in first when no token is stored', async () => {
    const { client, calls, login } = setup([{ statusCode: 200, data: {} }], null)
    await client.request({ url: '/a' })
    expect(login).toHaveBeenCalledTimes(1)
    expect(calls[0]!.header.Authorization).toBe('Bearer new1')
  })

  it('re-logs in once on 401 and retries with the new token', async () => {
    const { client, calls, login } = setup([
      { statusCode: 401, data: { error: { code: 'unauthorized', message: '未登录' } } },
      { statusCode: 200, data: { v: 2 } },
    ])
    await expect(client.request({ url: '/a', method: 'POST', data: { x: 1 }, header: { 'Idempotency-Key': 'k' } })).resolves.toEqual({ v: 2 })
    expect(login).toHaveBeenCalledTimes(1)
    expect(calls.map((c) => c.header.Authorization)).toEqual(['Bearer old', 'Bearer new1'])
    // The retry is the same request (same idempotency key and body).
    expect(calls[1]!.header['Idempotency-Key']).toBe('k')
    expect(calls[1]!.data).toEqual({ x: 1 })
  })

  it('gives up after the second 401', async () => {
    const { client, login } = setup([
      { statusCode: 401, data: {} },
      { statusCode: 401, data: { error: { code: 'token_invalid', message: '登录已失效' } } },
    ])
    const err = (await client.request({ url: '/a' }).catch((e: ApiError) => e)) as ApiError
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(401)
    expect(err.code).toBe('token_invalid')
    expect(login).toHaveBeenCalledTimes(1)
  })

  it('shares one login between concurrent 401s', async () => {
    const { client, login } = setup([
      { statusCode: 401, data: {} },
      { statusCode: 401, data: {} },
      { statusCode: 200, data: 1 },
      { statusCode: 200, data: 2 },
    ])
    await Promise.all([client.request({ url: '/a' }), client.request({ url: '/b' })])
    expect(login).toHaveBeenCalledTimes(1)
  })

  it('does not attach a token or re-login for auth:false calls', async () => {
    const { client, calls, login } = setup([{ statusCode: 401, data: { error: { code: 'wechat_login_failed', message: '微信登录失败', details: { errcode: 40029 } } } }])
    const err = (await client.request({ url: '/api/v1/auth/wechat', method: 'POST', auth: false }).catch((e: ApiError) => e)) as ApiError
    expect(calls[0]!.header.Authorization).toBeUndefined()
    expect(login).not.toHaveBeenCalled()
    expect(err.code).toBe('wechat_login_failed')
    expect(err.details).toEqual({ errcode: 40029 })
  })

  it('maps transport failures to network_error / timeout', async () => {
    const { client } = setup([Object.assign(new Error('x'), { errMsg: 'request:fail timeout' })])
    const err = (await client.request({ url: '/a' }).catch((e: ApiError) => e)) as ApiError
    expect(err).toBeInstanceOf(ApiError)
    expect(err.code).toBe('timeout')
    const s2 = setup([new Error('offline')])
    expect(((await s2.client.request({ url: '/a' }).catch((e: ApiError) => e)) as ApiError).code).toBe('network_error')
  })
})

describe('error mapping', () => {
  it('reads the server error shape', () => {
    const e = toApiError(422, { error: { code: 'outside_jurisdiction', message: '不在服务范围内', details: [{ field: 'location' }] } })!
    expect([e.status, e.code, e.message]).toEqual([422, 'outside_jurisdiction', '不在服务范围内'])
    expect(e.details).toEqual([{ field: 'location' }])
  })
  it('parses string bodies (uploadFile)', () => {
    expect(toApiError(415, '{"error":{"code":"unsupported_media_type","message":""}}')!.message).toBe('仅支持 JPG、PNG、WebP 格式的图片')
  })
  it('falls back on status for non-JSON bodies', () => {
    expect(toApiError(502, '<html>bad gateway</html>')!.code).toBe('server_error')
    expect(toApiError(413, null)!.message).toContain('10MB')
    expect(toApiError(418, null)!.message).toBe('请求失败（418）')
  })
  it('returns null on success', () => {
    expect(toApiError(201, {})).toBeNull()
  })
})

describe('helpers', () => {
  it('buildQuery skips empty values', () => {
    expect(buildQuery({ a: '', b: null, c: 0, d: false })).toBe('?c=0&d=false')
    expect(buildQuery()).toBe('')
  })
  it('singleFlight resets after settling', async () => {
    let n = 0
    const f = singleFlight(async () => ++n)
    expect(await Promise.all([f(), f()])).toEqual([1, 1])
    expect(await f()).toBe(2)
  })
})
