import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, detailLines, request, setErrorPresenter } from './request';
import { clearSession, getSession, setSession } from '../stores/session';

const user = { id: 'u1', username: 'd1', displayName: '调度', roles: ['dispatcher' as const], districtCodes: [], departmentIds: [], mustChangePassword: false };
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const shown: string[] = [];
beforeEach(() => {
  shown.length = 0;
  setErrorPresenter({
    message: (t) => shown.push(`message:${t}`),
    notify: (t, lines) => shown.push(`notify:${t}|${lines.join(',')}`),
    sessionExpired: (t) => shown.push(`expired:${t}`),
  });
  setSession({ token: 'old', refreshToken: 'r1', user });
});
afterEach(() => {
  vi.unstubAllGlobals();
  clearSession();
});

describe('request', () => {
  it('sends the bearer token under /api/v1 and encodes the query', async () => {
    const fetch = vi.fn(async () => json(200, { items: [], total: 0 }));
    vi.stubGlobal('fetch', fetch);
    await request('/admin/tickets', { query: { status: 'submitted', q: '', overdue: true } });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/admin/tickets?status=submitted&overdue=true');
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer old');
  });

  it('shows the envelope message and throws ApiError with code and details', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(409, { error: { code: 'invalid_transition', message: '当前状态不可派遣', details: [] } })));
    const err = await request('/x', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('invalid_transition');
    expect(shown).toEqual(['message:当前状态不可派遣']);
  });

  it('lists field details in a notification', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(422, { error: { code: 'validation_failed', message: '参数有误', details: [{ field: 'reason', message: '请填写原因' }] } })));
    await request('/x').catch(() => undefined);
    expect(shown).toEqual(['notify:参数有误|reason：请填写原因']);
  });

  it('403 password_change_required marks the session (the layout opens the forced dialog) without an error toast', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(403, { error: { code: 'password_change_required', message: '请先修改密码' } })));
    const err = await request('/admin/tickets').catch((e: unknown) => e);
    expect((err as ApiError).code).toBe('password_change_required');
    expect(getSession()?.user.mustChangePassword).toBe(true);
    expect(shown).toEqual([]);
  });

  it('an idle-expired session that cannot be refreshed says so and logs out', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(401, { error: { code: 'session_expired', message: '长时间未操作，登录已超时，请重新登录' } })));
    await request('/admin/tickets').catch(() => undefined);
    expect(getSession()).toBeNull();
    expect(shown).toEqual(['expired:长时间未操作，登录已超时，请重新登录']);
    await new Promise((r) => setTimeout(r, 0)); // the shared refresh promise is forgotten a tick later
  });

  it('stays quiet when silent', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(423, { error: { code: 'account_locked', message: '锁定' } })));
    await request('/auth/login', { method: 'POST', body: {}, silent: true }).catch(() => undefined);
    expect(shown).toEqual([]);
  });

  it('on 401 refreshes once (shared by concurrent calls) and retries with the new token', async () => {
    const fetch = vi.fn(async (url: string, init: RequestInit) => {
      if (url.endsWith('/auth/refresh')) return json(200, { token: 'new', refreshToken: 'r2' });
      const auth = (init.headers as Record<string, string>).Authorization;
      return auth === 'Bearer new' ? json(200, { ok: true }) : json(401, { error: { code: 'token_expired', message: '过期' } });
    });
    vi.stubGlobal('fetch', fetch);
    const [a, b] = await Promise.all([request<{ ok: boolean }>('/a'), request<{ ok: boolean }>('/b')]);
    expect(a.ok && b.ok).toBe(true);
    expect(fetch.mock.calls.filter(([u]) => String(u).endsWith('/auth/refresh'))).toHaveLength(1);
    const refreshBody = JSON.parse(String(fetch.mock.calls.find(([u]) => String(u).endsWith('/auth/refresh'))?.[1].body));
    expect(refreshBody).toEqual({ refreshToken: 'r1' });
    expect(getSession()?.token).toBe('new');
    expect(getSession()?.refreshToken).toBe('r2');
    expect(getSession()?.user.username).toBe('d1');
    expect(shown).toEqual([]);
  });

  it('logs out when the refresh fails', async () => {
    vi.stubGlobal('fetch', vi.fn(async (url: string) =>
      url.endsWith('/auth/refresh')
        ? json(401, { error: { code: 'refresh_token_reused', message: '会话已失效' } })
        : json(401, { error: { code: 'token_expired', message: '过期' } }),
    ));
    await expect(request('/a')).rejects.toBeInstanceOf(ApiError);
    expect(getSession()).toBeNull();
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatch(/^expired:/);
  });

  it('maps network failures to a Chinese message', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }));
    const err = await request('/a').catch((e: unknown) => e);
    expect((err as ApiError).code).toBe('network_error');
    expect(shown).toEqual(['message:网络异常，请检查网络后重试']);
  });
});

describe('detailLines', () => {
  it('accepts path arrays, fields and strings', () => {
    expect(detailLines([{ path: ['location', 'lat'], message: '超出范围' }, '原因必填', { message: '仅消息' }])).toEqual([
      'location.lat：超出范围',
      '原因必填',
      '仅消息',
    ]);
    expect(detailLines({ lockedUntil: 'x' })).toEqual([]);
  });
});
