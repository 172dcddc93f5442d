import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context, Next } from 'koa';
import send from 'koa-send';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface SpaMount {
  prefix: string; // '/admin'
  root: string; // built folder
  title: string;
}

export const DEFAULT_MOUNTS: SpaMount[] = [
  { prefix: '/admin', root: path.join(REPO_ROOT, 'admin/dist'), title: '城管通 管理控制台' },
  { prefix: '/h5', root: path.join(REPO_ROOT, 'miniapp/dist/h5'), title: '城管通 市民端 (H5)' },
];

function notBuiltPage(m: SpaMount): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${m.title}</title></head><body style="font-family:sans-serif;padding:2rem;color:#333">
<h1>${m.title}</h1><p>页面尚未构建。请在项目根目录运行 <code>npm start</code>（会自动构建）。</p></body></html>`;
}

/**
 * Serves the single-page apps from the same origin as the API. Hashed assets are cached for a year;
 * index.html never is, and unknown paths under the prefix fall back to it (browser routing).
 */
export function serveSpas(mounts: SpaMount[] = DEFAULT_MOUNTS) {
  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path === '/') return ctx.redirect('/admin/');
    // browsers ask the site root for its icon whatever the page links: answer with the first app's
    if (ctx.path === '/favicon.ico') {
      const owner = mounts.find((x) => existsSync(path.join(x.root, 'favicon.ico')));
      if (!owner) return next();
      await send(ctx, 'favicon.ico', { root: owner.root, maxage: 24 * 3600 * 1000 });
      return;
    }
    const m = mounts.find((x) => ctx.path === x.prefix || ctx.path.startsWith(x.prefix + '/'));
    if (!m) return next();
    if (ctx.path === m.prefix) return ctx.redirect(m.prefix + '/');
    const rel = decodeURIComponent(ctx.path.slice(m.prefix.length + 1));
    const index = path.join(m.root, 'index.html');
    if (!existsSync(index)) {
      ctx.type = 'html';
      ctx.body = notBuiltPage(m);
      return;
    }
    const candidate = rel && !rel.endsWith('/') ? path.join(m.root, rel) : null;
    if (candidate && candidate.startsWith(m.root + path.sep) && existsSync(candidate)) {
      const immutable = /\.[0-9a-f]{8,}\.(js|css|png|jpg|svg|woff2?)$/.test(rel) || rel.startsWith('assets/');
      await send(ctx, rel, { root: m.root, maxage: immutable ? 365 * 24 * 3600 * 1000 : 0, immutable, gzip: true });
      return;
    }
    if (/\.[a-z0-9]{1,5}$/i.test(rel)) return next(); // a missing asset is a 404, not the app shell
    ctx.set('Cache-Control', 'no-cache');
    await send(ctx, 'index.html', { root: m.root });
  };
}
