import type { Server } from 'node:http';
import { hash } from '@node-rs/argon2';
import mongoose from 'mongoose';
import { inject } from 'vitest';
import { createApp } from '../app.js';
import { parseEnv } from '../config.js';
import type { AppDeps } from '../deps.js';
import { createModels } from '../models/index.js';
import type { StaffRole } from '../http/auth.js';
import type { Models } from '../models/index.js';
import { ARGON2_OPTIONS } from '../seed/initial-admin.js';
import type { TestServer } from './harness.js';

/** Test-only: inserts a staff account directly (the admin API is tested separately). */
export async function createStaff(
  models: Models,
  o: { username: string; password: string; roles: StaffRole[]; districtCodes?: string[]; departmentIds?: string[]; disabled?: boolean; displayName?: string },
): Promise<string> {
  const u = await models.StaffUser.create({
    username: o.username,
    displayName: o.displayName ?? o.username,
    passwordHash: await hash(o.password, ARGON2_OPTIONS),
    roles: o.roles,
    districtCodes: o.districtCodes ?? [],
    departmentIds: o.departmentIds ?? [],
    disabled: o.disabled ?? false,
  });
  return String(u._id);
}

/** Test-only: logs in through the API and returns the token pair. */
export async function loginAs(t: TestServer, username: string, password: string): Promise<{ token: string; refreshToken: string; id: string }> {
  const res = await t.request('POST', '/api/v1/auth/login', { body: { username, password } });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.token, refreshToken: res.body.refreshToken, id: res.body.user.id };
}

/**
 * Test-only: a second app on the SAME database as `t`, with its own deps and so its own in-process caches,
 * standing in for a second server process (what the session cache and the login throttle must agree with).
 */
export async function startPeerServer(t: TestServer, env: Record<string, string> = {}): Promise<{ url: string; deps: AppDeps; close(): Promise<void>; request: TestServer['request'] }> {
  const connection = await mongoose.createConnection(inject('mongoUri'), { dbName: t.deps.connection.name, serverSelectionTimeoutMS: 5000 }).asPromise();
  const models = createModels(connection);
  // the same configuration as `t`, except the variables given (parsed as the server would)
  const parsed = parseEnv(env) as Record<string, unknown>;
  const overrides = Object.fromEntries(Object.keys(env).map((k) => [k, parsed[k]]));
  const deps: AppDeps = { ...t.deps, config: { ...t.deps.config, ...overrides }, connection, models };
  const { app } = createApp(deps);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const addr = server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return {
    url,
    deps,
    async request(method, p, o = {}) {
      const headers: Record<string, string> = { ...(o.headers ?? {}) };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      if (o.body !== undefined) headers['content-type'] ??= 'application/json';
      const res = await fetch(url + p, { method, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON */
      }
      return { status: res.status, body, headers: res.headers };
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await connection.close();
    },
  };
}
