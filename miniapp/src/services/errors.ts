/** One error shape for every API call: the server's `{error:{code,message,details}}` or a local equivalent. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: unknown

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
  }
}

/** Chinese fallbacks when the server sends a code without a usable message. */
const FALLBACK: Record<string, string> = {
  network_error: '网络连接失败，请检查网络后重试',
  timeout: '请求超时，请稍后重试',
  unauthorized: '登录已失效，请重新进入',
  wechat_login_failed: '微信登录失败，请稍后重试',
  outside_jurisdiction: '该位置不在岳阳市城管服务范围内',
  idempotency_key_reused: '该草稿已提交过，请到「我的诉求」查看',
  idempotency_key_required: '提交缺少请求标识，请重试',
  unsupported_media_type: '仅支持 JPG、PNG、WebP 格式的图片',
  payload_too_large: '图片超过 10MB，请压缩后重试',
  image_too_large: '图片像素过大，请压缩后重试',
  invalid_transition: '当前状态不能进行此操作',
  conflict: '诉求状态已变化，请刷新后重试',
  not_found: '内容不存在或已删除',
  validation_failed: '填写内容有误，请检查',
  rate_limited: '操作太频繁，请稍后再试',
  server_error: '服务暂时不可用，请稍后重试',
}

function statusCode(status: number): string {
  if (status === 401) return 'unauthorized'
  if (status === 404) return 'not_found'
  if (status === 413) return 'payload_too_large'
  if (status === 415) return 'unsupported_media_type'
  if (status === 429) return 'rate_limited'
  if (status >= 500) return 'server_error'
  return 'http_' + status
}

/**
 * Turns any HTTP response into an ApiError (or null when status is 2xx).
 * `data` may be an object, a JSON string (uploadFile returns strings) or garbage (proxy HTML pages).
 */
export function toApiError(status: number, data: unknown): ApiError | null {
  if (status >= 200 && status < 300) return null
  let body: unknown = data
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body)
    } catch {
      body = undefined
    }
  }
  const err = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error
  const code = typeof err?.code === 'string' && err.code ? err.code : statusCode(status)
  const message =
    typeof err?.message === 'string' && err.message ? err.message : FALLBACK[code] ?? `请求失败（${status}）`
  return new ApiError(status, code, message, err?.details)
}

/** Error for a request that never got an HTTP answer (offline, DNS, aborted, timeout). */
export function networkError(errMsg?: string): ApiError {
  const timeout = /timeout|超时/i.test(errMsg ?? '')
  const code = timeout ? 'timeout' : 'network_error'
  return new ApiError(0, code, FALLBACK[code]!, errMsg)
}

/** A message fit to show the resident for any thrown value. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.message
  if (e && typeof e === 'object' && 'errMsg' in e) return '操作未完成'
  return '出了点问题，请稍后重试'
}
