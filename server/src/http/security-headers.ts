import type { Context, Next } from 'koa';
import type { Config } from '../config.js';
import { tileImageSource } from '../domain/map/tiles.js';

/**
 * Response headers that make a stolen page or a cached response worth less.
 * - Content-Security-Policy on everything, strict for scripts: only files from our own origin, no inline
 *   script, no eval — the console keeps its token in localStorage, so an injected script is the threat. The
 *   built pages carry no inline script (the H5 build loads its rem script from /h5/flexible.js, see
 *   miniapp/src/index.html). Styles may be inline: antd and Taro inject <style> at run time, and a style
 *   cannot read localStorage.
 * - Cache-Control: no-store on sign-in and on responses that carry personal data (the staff API, a resident's
 *   own reports, 信访 and account), unless the route chose its own caching (photos). Public reference data
 *   (categories, waste, toilets…) stays cacheable.
 * - Strict-Transport-Security when we sit behind a TLS-terminating proxy (TRUST_PROXY) and the request came
 *   over https; never on plain http, where it would be ignored or lock a misconfigured site out.
 */
/** The policy; `tileSource` admits the map tiles of the provider the operator configured (MAP_TILE_URL). */
export function contentSecurityPolicy(tileSource: string | null = null): string {
  return [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  `img-src 'self' data: blob:${tileSource ? ` ${tileSource}` : ''}`,
  "font-src 'self' data:",
  // blob:/data: — the H5 upload reads the chosen photo's blob: URL with XHR before sending it
  "connect-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

export const HSTS = 'max-age=31536000';

/** sign-in and everything that answers with someone's personal data */
const NO_STORE_PREFIXES = ['/api/v1/auth/', '/api/v1/admin/', '/api/v1/reports', '/api/v1/complaints', '/api/v1/me', '/api/v1/notifications', '/api/v1/uploads'];

export function isNoStorePath(p: string): boolean {
  return NO_STORE_PREFIXES.some((prefix) => p.startsWith(prefix));
}

export function securityHeaders(config: Pick<Config, 'TRUST_PROXY'> & Partial<Pick<Config, 'MAP_TILE_URL'>>) {
  const csp = contentSecurityPolicy(tileImageSource(config.MAP_TILE_URL));
  return async (ctx: Context, next: Next) => {
    try {
      await next();
    } finally {
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.set('Referrer-Policy', 'same-origin');
      ctx.set('X-Frame-Options', 'SAMEORIGIN');
      ctx.set('Content-Security-Policy', csp);
      if (isNoStorePath(ctx.path) && !ctx.response.get('Cache-Control')) ctx.set('Cache-Control', 'no-store');
      if (config.TRUST_PROXY && ctx.protocol === 'https') ctx.set('Strict-Transport-Security', HSTS);
    }
  };
}
