import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseEnv } from './config.js';

describe('config', () => {
  it('applies defaults', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATA_DIR).toBe('./data');
    expect(env.DEMO_LOGIN).toBe(false);
    expect(env.MONGODB_URI).toBeUndefined();
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['MONGODB_URI', 'postgres://x'],
    ['JWT_SECRET', 'short'],
    ['LOG_LEVEL', 'loud'],
    ['ADMIN_PASSWORD', '123'],
  ])('rejects %s=%s and names the variable', (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(ConfigError);
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(`${name}:`));
  });

  it('generates a JWT secret once and keeps it in DATA_DIR', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cgt-config-'));
    const a = loadConfig({ DATA_DIR: dir });
    const b = loadConfig({ DATA_DIR: dir });
    expect(a.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(b.JWT_SECRET).toBe(a.JWT_SECRET);
    expect(readFileSync(path.join(dir, 'jwt-secret'), 'utf8').trim()).toBe(a.JWT_SECRET);
    expect(loadConfig({ DATA_DIR: dir, JWT_SECRET: 'x'.repeat(40) }).JWT_SECRET).toBe('x'.repeat(40));
  });

  it('keeps a PII key of its own in DATA_DIR (not derived from JWT_SECRET), and requires PII_KEY in production', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cgt-config-'));
    const a = loadConfig({ DATA_DIR: dir });
    expect(a.PII_KEY.length).toBeGreaterThanOrEqual(32);
    expect(a.PII_KEY).not.toBe(a.JWT_SECRET);
    expect(readFileSync(path.join(dir, 'pii-key'), 'utf8').trim()).toBe(a.PII_KEY);
    // a new JWT secret leaves the PII key as it was
    expect(loadConfig({ DATA_DIR: dir, JWT_SECRET: 'j'.repeat(40) }).PII_KEY).toBe(a.PII_KEY);
    expect(() => loadConfig({ DATA_DIR: dir, NODE_ENV: 'production', JWT_SECRET: 'j'.repeat(40) })).toThrow(/PII_KEY:/);
    expect(loadConfig({ DATA_DIR: dir, NODE_ENV: 'production', JWT_SECRET: 'j'.repeat(40), PII_KEY: 'p'.repeat(40) }).PII_KEY).toBe('p'.repeat(40));
    expect(parseEnv({ PII_KEYS_OLD: `${'a'.repeat(32)}, ${'b'.repeat(32)}` }).PII_KEYS_OLD).toEqual(['a'.repeat(32), 'b'.repeat(32)]);
    expect(() => parseEnv({ PII_KEYS_OLD: 'short' })).toThrow(/PII_KEYS_OLD:/);
  });
});
