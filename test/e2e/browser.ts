import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const ARTIFACTS = process.env.CGT_ARTIFACTS ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-artifacts');

/** Debian's chromium driven by playwright-core (no browser download); flags keep it off the closed network. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ], // playwright gives each launch a fresh temporary profile (it refuses an explicit --user-data-dir)
  });
}

export function artifactPath(name: string): string {
  const dir = path.join(ARTIFACTS, 'screenshots');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

/** The H5 build as a phone shows it (390×844 CSS px, touch, 2× pixels, Chinese). */
export const H5_DEVICE = { viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;

/** The console at a desk (1440×900). */
export const CONSOLE_DESK = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } as const;

/**
 * The resident's access token from the H5 build's storage, once its demo login has happened. Taro keeps
 * `cgt:token` as `{data: …}` JSON; older builds stored the bare string.
 */
export async function residentToken(page: Page, timeout = 20_000): Promise<string> {
  await expect.poll(() => page.evaluate(() => localStorage.getItem('cgt:token')), { timeout }).toBeTruthy();
  return page.evaluate(() => {
    const raw = localStorage.getItem('cgt:token') ?? '';
    try {
      const v = JSON.parse(raw);
      return typeof v === 'string' ? v : (v.data ?? '');
    } catch {
      return raw;
    }
  });
}

/** A console context already signed in: the session put where the console keeps it (`cgt.admin.session`). */
export async function signedInConsole(browser: Browser, session: { token: string; user: unknown }): Promise<BrowserContext> {
  const ctx = await browser.newContext(CONSOLE_DESK);
  await ctx.addInitScript((s) => localStorage.setItem('cgt.admin.session', s), JSON.stringify({ token: session.token, refreshToken: 'none', user: session.user }));
  return ctx;
}
