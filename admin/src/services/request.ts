import { clearSession, getSession, setSession } from '../stores/session';
import type { StaffUser } from './types';

/** All API calls go through this file: base path, bearer token, silent refresh, one error policy. */
export const API_BASE = '/api/v1';

/** The server's error envelope: `{"error":{"code","message","details"}}`. */
export interface ErrorEnvelope {
  error: { code: string; message: string; details?: unknown };
}

/** A failed API call, carrying the envelope's stable code and the server's Chinese message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export type Query = Record<string, string | number | boolean | null | undefined | string[]>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  /** JSON body. */
  body?: unknown;
  /** Multipart body (uploads); takes precedence over `body`. */
  formData?: FormData;
  /** Raw body sent as is, Content-Type from the Blob's type (CSV / GeoJSON imports); takes precedence over `body`. */
  blob?: Blob;
  /** `blob`: return the response body as a Blob (file downloads) instead of parsed JSON. */
  responseType?: 'json' | 'blob';
  headers?: Record<string, string>;
  /** Caller shows its own message (e.g. the login form); the policy below stays quiet. */
  silent?: boolean;
  /** Internal: set on the retry after a refresh so a second 401 logs out. */
  retried?: boolean;
  signal?: AbortSignal;
}

/** Where errors are shown; the App installs antd's context-aware message/notification here. */
export interface ErrorPresenter {
  message: (text: string) => void;
  notify: (title: string, lines: string[]) => void;
  sessionExpired: (text: string) => void;
}

const fallbackPresenter: ErrorPresenter = {
  message: (text) => console.error(text),
  notify: (title, lines) => console.error(title, lines),
  sessionExpired: (text) => console.warn(text),
};
let presenter: ErrorPresenter = fallbackPresenter;

/** Installs the UI presenter (called once by the App shell). */
export function setErrorPresenter(next: ErrorPresenter): void {
  presenter = next;
}

/** Chinese fallbacks when the server sent no message (network failures, proxies, empty bodies). */
const FALLBACK_MESSAGES: Record<string, string> = {
  network_error: '网络异常，请检查网络后重试',
  unauthorized: '登录已过期，请重新登录',
  forbidden: '没有权限执行此操作',
  not_found: '记录不存在或无权查看',
  invalid_transition: '工单状态已变化，该操作不可用，请刷新后重试',
  conflict: '工单已被他人更新，请刷新后重试',
  validation_failed: '提交的内容有误，请检查后重试',
  server_error: '服务器开小差了，请稍后重试',
};

function fallbackCode(status: number): string {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 400 || status === 422) return 'validation_failed';
  return 'server_error';
}

/** Turns envelope details (array of `{path|field, message}` or strings) into display lines. */
export function detailLines(details: unknown): string[] {
  if (!Array.isArray(details)) return [];
  return details
    .map((d: unknown) => {
      if (typeof d === 'string') return d;
      if (d && typeof d === 'object') {
        const o = d as { path?: unknown; field?: unknown; message?: unknown };
        const where = Array.isArray(o.path) ? o.path.join('.') : typeof o.field === 'string' ? o.field : '';
        const msg = typeof o.message === 'string' ? o.message : '';
        return where ? `${where}：${msg}` : msg;
      }
      return '';
    })
    .filter((s) => s.length > 0);
}

/** The single error-display policy, keyed on the envelope. */
export function showApiError(err: unknown): void {
  if (!(err instanceof ApiError)) {
    presenter.message(FALLBACK_MESSAGES.network_error ?? '请求失败');
    return;
  }
  if (err.status === 401) {
    presenter.sessionExpired(err.message);
    return;
  }
  const lines = detailLines(err.details);
  if (lines.length > 0) presenter.notify(err.message, lines);
  else presenter.message(err.message);
}

function buildUrl(path: string, query?: Query): string {
  const url = `${API_BASE}${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.forEach((v) => params.append(key, v));
    else params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

async function parseError(res: Response): Promise<ApiError> {
  let envelope: Partial<ErrorEnvelope> | null = null;
  try {
    envelope = (await res.json()) as Partial<ErrorEnvelope>;
  } catch {
    envelope = null;
  }
  const code = envelope?.error?.code ?? fallbackCode(res.status);
  const message = envelope?.error?.message || FALLBACK_MESSAGES[code] || FALLBACK_MESSAGES[fallbackCode(res.status)] || '请求失败';
  return new ApiError(res.status, code, message, envelope?.error?.details);
}

let refreshing: Promise<boolean> | null = null;

/** Rotates the refresh token once; concurrent 401s share one refresh call. */
function refreshOnce(): Promise<boolean> {
  if (refreshing) return refreshing;
  const session = getSession();
  if (!session?.refreshToken) return Promise.resolve(false);
  refreshing = (async () => {
    try {
      const res = await fetch(`${API_BASE}/auth/refresh`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: session.refreshToken }),
      });
      if (!res.ok) return false;
      const data = (await res.json()) as { token: string; refreshToken: string; user?: StaffUser };
      setSession({ token: data.token, refreshToken: data.refreshToken, user: data.user ?? session.user });
      return true;
    } catch {
      return false;
    } finally {
      setTimeout(() => {
        refreshing = null;
      }, 0);
    }
  })();
  return refreshing;
}

/** Performs one API call; throws ApiError after showing it (unless `silent`). */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', query, body, formData, silent = false, retried = false, signal } = options;
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const token = getSession()?.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  let payload: BodyInit | undefined;
  if (formData) payload = formData;
  else if (options.blob) {
    headers['Content-Type'] = options.blob.type || 'application/octet-stream';
    payload = options.blob;
  }
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }

  let res: Response;
  try {
    res = await fetch(buildUrl(path, query), { method, headers, body: payload, signal });
  } catch (cause) {
    const err = new ApiError(0, 'network_error', FALLBACK_MESSAGES.network_error ?? '网络异常', cause);
    if (!silent && !signal?.aborted) showApiError(err);
    throw err;
  }

  const isAuthCall = path.startsWith('/auth/login') || path.startsWith('/auth/refresh');
  if (res.status === 401 && !isAuthCall && getSession()) {
    if (!retried && (await refreshOnce())) return request<T>(path, { ...options, retried: true });
    const err = await parseError(res);
    clearSession();
    // idle timeout and an ended session (logout elsewhere, password change) say so; the rest is "expired"
    const specific = err.code === 'session_expired' || err.code === 'session_ended';
    showApiError(new ApiError(401, err.code, specific ? err.message : (FALLBACK_MESSAGES.unauthorized ?? err.message)));
    throw err;
  }
  if (!res.ok) {
    const err = await parseError(res);
    // the account still has an initial or temporary password: the layout then shows the forced
    // change-password dialog (BasicLayout) instead of an error on every page
    if (err.code === 'password_change_required') {
      const session = getSession();
      if (session && !session.user.mustChangePassword) setSession({ ...session, user: { ...session.user, mustChangePassword: true } });
      throw err;
    }
    if (!silent) showApiError(err);
    throw err;
  }
  if (res.status === 204) return undefined as T;
  if (options.responseType === 'blob') return (await res.blob()) as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Typed helpers. */
export const http = {
  get: <T>(path: string, query?: Query, opts?: RequestOptions) => request<T>(path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>(path, { ...opts, method: 'POST', body }),
  patch: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>(path, { ...opts, method: 'PATCH', body }),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>(path, { ...opts, method: 'PUT', body }),
  del: <T>(path: string, opts?: RequestOptions) => request<T>(path, { ...opts, method: 'DELETE' }),
};
