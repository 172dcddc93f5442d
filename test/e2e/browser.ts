import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

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
