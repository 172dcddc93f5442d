import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { hash } from '@node-rs/argon2';
import type { Config } from '../config.js';
import type { Models } from '../models/index.js';

export const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const; // OWASP argon2id baseline

export function initialPasswordFile(dataDir: string): string {
  return path.join(dataDir, 'initial-admin-password.txt');
}

/**
 * Creates the first administrator when there is no staff account at all. Without ADMIN_PASSWORD a strong
 * one is generated, printed once and stored in DATA_DIR/initial-admin-password.txt (mode 600).
 */
export async function ensureInitialAdmin(
  models: Models,
  config: Pick<Config, 'ADMIN_USERNAME' | 'ADMIN_PASSWORD' | 'DATA_DIR'>,
  print: (msg: string) => void,
): Promise<{ created: boolean; username: string }> {
  if ((await models.StaffUser.estimatedDocumentCount()) > 0) return { created: false, username: config.ADMIN_USERNAME };
  const generated = !config.ADMIN_PASSWORD;
  const password = config.ADMIN_PASSWORD ?? randomBytes(12).toString('base64url');
  await models.StaffUser.create({
    username: config.ADMIN_USERNAME,
    displayName: '系统管理员',
    passwordHash: await hash(password, ARGON2_OPTIONS),
    roles: ['admin'],
    districtCodes: [],
    mustChangePassword: generated,
  });
  if (generated) {
    const file = initialPasswordFile(config.DATA_DIR);
    writeFileSync(file, `${config.ADMIN_USERNAME}\n${password}\n`, { mode: 0o600 });
    print(`[setup] 已创建管理员 ${config.ADMIN_USERNAME}，初始密码: ${password} (也保存在 ${file})`);
  }
  return { created: true, username: config.ADMIN_USERNAME };
}
