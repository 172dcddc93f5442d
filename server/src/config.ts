import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ensurePrivateDataDir } from './db/private-files.js';

/** Thrown for bad environment variables; main.ts prints it and exits 1. */
export class ConfigError extends Error {}

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, '必须以 mongodb:// 或 mongodb+srv:// 开头')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  JWT_SECRET: z.string().min(32, '至少 32 个字符').optional(),
  ADMIN_USERNAME: z.string().regex(/^[a-zA-Z0-9_.-]{3,32}$/, '3–32 位字母、数字或 _.-').default('admin'),
  ADMIN_PASSWORD: z.string().min(10, '至少 10 个字符').optional(),
  FERRETDB_BIN: z.string().min(1).optional(),
  /** storage of the embedded FerretDB (unused with MONGODB_URI); sqlite only for comparison runs and old data */
  EMBEDDED_BACKEND: z.enum(['postgresql', 'sqlite']).default('postgresql'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO_LOGIN: flag,
  DEMO_DATA: flag,
  WECHAT_APPID: z.string().default(''),
  WECHAT_SECRET: z.string().default(''),
  WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  /** which build of the mini-program a subscribe-message card opens */
  WECHAT_MINIPROGRAM_STATE: z.enum(['developer', 'trial', 'formal']).default('formal'),
  /** the token of 消息推送 (message push): signs the content-check results WeChat posts to /api/v1/wechat/push */
  WECHAT_PUSH_TOKEN: z.string().default(''),
  PUBLIC_BASE_URL: z.string().url().optional(),
  BODY_LIMIT_JSON: z.string().regex(/^\d+(kb|mb)$/).default('1mb'),
  UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  UPLOAD_RATE_PER_10MIN: z.coerce.number().int().positive().default(60),
  TRUST_PROXY: flag,
  /** abuse limits (shared by all server processes, counted in the database: db/rate-limit.ts) */
  REPORTS_PER_HOUR_PER_RESIDENT: z.coerce.number().int().positive().default(10),
  /** reports filed from one IP per hour (many residents may share one carrier or campus address) */
  REPORTS_PER_HOUR_PER_IP: z.coerce.number().int().positive().default(60),
  COMPLAINTS_PER_DAY_PER_RESIDENT: z.coerce.number().int().positive().default(3),
  DEMO_LOGINS_PER_MINUTE_PER_IP: z.coerce.number().int().positive().default(10),
  /** failed staff logins per (account, IP) within LOGIN_LOCK_MINUTES before that pair is locked (commands/auth/login-throttle.ts) */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  /** the failure window and the lock's length, in minutes */
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /** distinct IPs failing on one account within that window that alert the administrators */
  LOGIN_ALERT_DISTINCT_IPS: z.coerce.number().int().min(2).max(1000).default(5),
  /** a staff session ends after this many minutes without a request (等保: 登录连接超时自动退出) */
  STAFF_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** how long a process trusts a session record it read (ms); 0 reads it on every request */
  SESSION_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  /** staff password policy (shared/src/auth/password-policy.ts), applied whenever a password is set */
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(128).default(10),
  PASSWORD_MIN_CLASSES: z.coerce.number().int().min(1).max(4).default(3),
  PASSWORD_HISTORY: z.coerce.number().int().min(0).max(24).default(5),
  /** days a console alert (the bell) is kept; older ones are purged by the housekeeping job */
  STAFF_ALERT_RETENTION_DAYS: z.coerce.number().int().min(1).max(366).default(30),
  /**
   * secret that encrypts personal data at rest (信访 ID numbers), independent of JWT_SECRET; required in
   * production, otherwise generated into DATA_DIR/pii-key. Rotation: put the new one here, the old one in
   * PII_KEYS_OLD, run `npm run pii:rotate` (services/pii-keys.ts)
   */
  PII_KEY: z.string().min(32, '至少 32 个字符').optional(),
  /** days audit entries are kept (等保 三级: at least six months); the housekeeping job deletes older ones */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(180, '至少 180 天（等保要求审计记录保存不少于六个月）').max(3650).default(365),
  /** months after a ticket is closed that its contact phone is purged (个人信息保护法: no longer than needed) */
  CONTACT_PHONE_RETENTION_MONTHS: z.coerce.number().int().min(1).max(120).default(6),
  /**
   * raster tiles under the maps (H5 map picker, console ticket map): a {z}/{x}/{y} template, optionally {s}
   * (MAP_TILE_SUBDOMAINS) and {key} (MAP_TILE_KEY). Unset: the maps draw our own outlines only.
   */
  MAP_TILE_URL: z
    .string()
    .refine((v) => /^(https?:\/\/|\/)/.test(v) && ['{z}', '{x}', '{y}'].every((k) => v.includes(k)), '须为 http(s):// 或 / 开头、含 {z} {x} {y} 的瓦片地址模板')
    .optional(),
  MAP_TILE_KEY: z.string().default(''),
  /** Tencent/AMap tiles are gcj02; 天地图 (CGCS2000) counts as wgs84 */
  MAP_TILE_DATUM: z.enum(['gcj02', 'wgs84']).default('gcj02'),
  MAP_TILE_SUBDOMAINS: z.string().default(''),
  MAP_TILE_ATTRIBUTION: z.string().max(200).default(''),
  MAP_TILE_MAX_ZOOM: z.coerce.number().int().min(1).max(22).default(18),
  /** earlier PII_KEY values, comma-separated: read only, until `npm run pii:rotate` has re-encrypted their values */
  PII_KEYS_OLD: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((k) => k.trim()).filter(Boolean))
    .refine((keys) => keys.every((k) => k.length >= 32), '每个旧密钥至少 32 个字符'),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config extends Omit<Env, 'JWT_SECRET' | 'DATA_DIR' | 'PII_KEY'> {
  DATA_DIR: string;
  JWT_SECRET: string;
  PII_KEY: string;
}

/** Parses the environment; every problem names its variable. Empty strings count as unset. */
export function parseEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置错误 (invalid configuration):\n${lines.join('\n')}`);
  }
  return result.data;
}

/**
 * Resolves the config, creating DATA_DIR and a persistent JWT secret there on first start,
 * so tokens survive restarts without anyone having to invent a secret.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = parseEnv(env);
  const dataDir = path.resolve(parsed.DATA_DIR);
  // phones, photos and secrets live here: 0700, and files left readable by an older release tightened
  ensurePrivateDataDir(dataDir);
  const secret = parsed.JWT_SECRET ?? persistentSecret(dataDir, 'jwt-secret');
  // the PII key must not be lost with a data directory that is rebuilt from a backup: production names it
  if (!parsed.PII_KEY && parsed.NODE_ENV === 'production') {
    throw new ConfigError('配置错误 (invalid configuration):\n  PII_KEY: 生产环境必须设置（至少 32 个字符，与 JWT_SECRET 不同；丢失后身份证号无法解密）');
  }
  const piiKey = parsed.PII_KEY ?? persistentSecret(dataDir, 'pii-key');
  return { ...parsed, DATA_DIR: dataDir, JWT_SECRET: secret, PII_KEY: piiKey };
}

/** A secret kept in DATA_DIR/<name>: read when there, generated (mode 0600) on first start. */
function persistentSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, name);
  let secret = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  if (secret.length < 32) {
    secret = randomBytes(48).toString('base64url');
    writeFileSync(file, secret + '\n', { mode: 0o600 });
  }
  return secret;
}
