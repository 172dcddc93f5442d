import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { describePasswordPolicy, passwordProblems, type PasswordPolicy } from '@cgt/shared/auth/password-policy';
import type { Config } from '../config.js';
import { fail } from '../http/errors.js';
import { ARGON2_OPTIONS } from '../seed/initial-admin.js';

/**
 * The server side of the 等保 password policy (shared/src/auth/password-policy.ts holds the rule): the
 * configured numbers, the refusal every password-setting route gives, the history of the last N hashes,
 * and generated passwords that satisfy the policy. It applies when a password is set, never at login.
 */

export function passwordPolicyOf(config: Pick<Config, 'PASSWORD_MIN_LENGTH' | 'PASSWORD_MIN_CLASSES' | 'PASSWORD_HISTORY'>): PasswordPolicy {
  return { minLength: config.PASSWORD_MIN_LENGTH, minClasses: config.PASSWORD_MIN_CLASSES, historySize: config.PASSWORD_HISTORY };
}

/** 400 weak_password naming `field` when the password breaks the policy. */
export function assertPasswordAcceptable(policy: PasswordPolicy, password: string, username: string, field: string): void {
  const problems = passwordProblems(password, { username }, policy);
  if (problems.length) {
    throw fail('weak_password', problems.map((p) => ({ field, message: p.message, rule: p.code })), `密码不符合要求：${describePasswordPolicy(policy)}`);
  }
}

interface WithHistory {
  passwordHash: string;
  passwordHistory?: string[] | null;
}

async function matches(hashed: string, password: string): Promise<boolean> {
  return verify(hashed, password).catch(() => false);
}

/** 400 password_reused when the password is the current one or one of the last `historySize`. */
export async function assertNotRecentlyUsed(policy: PasswordPolicy, user: WithHistory, password: string, field: string): Promise<void> {
  const recent = [user.passwordHash, ...(user.passwordHistory ?? []).slice(0, policy.historySize)];
  for (const h of new Set(recent)) {
    if (await matches(h, password)) {
      const message = policy.historySize > 0 ? `不能与最近 ${policy.historySize} 次使用过的密码相同` : '新密码不能与当前密码相同';
      throw fail('password_reused', [{ field, message }], message);
    }
  }
}

/** The hash to store and the history to keep with it (newest first, the new password included). */
export async function hashWithHistory(policy: PasswordPolicy, password: string, previous: string[] | null | undefined): Promise<{ passwordHash: string; passwordHistory: string[] }> {
  const passwordHash = await hash(password, ARGON2_OPTIONS);
  return { passwordHash, passwordHistory: [passwordHash, ...(previous ?? [])].slice(0, policy.historySize) };
}

/** A random password (at least 16 url-safe characters, 96+ bits) that satisfies the policy: shown once, stored hashed. */
export function generatePassword(policy: PasswordPolicy, username = ''): string {
  const length = Math.max(16, policy.minLength);
  for (;;) {
    const candidate = randomBytes(Math.ceil((length * 3) / 4)).toString('base64url').slice(0, length);
    if (passwordProblems(candidate, { username }, policy).length === 0) return candidate;
  }
}
