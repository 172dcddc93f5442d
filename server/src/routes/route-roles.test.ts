import { Types } from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { STAFF_ROLE_LABELS, STAFF_ROLES, type StaffRole } from '@cgt/shared/ticket/machine';
import { createApp } from '../app.js';
import { declaredRoutes, rolesOf, type RouteDeclaration } from '../http/route.js';
import { startTestServer } from '../testing/harness.js';
import { makeStaff } from '../testing/tickets.js';

/**
 * The authorization matrix of the role gates, generated from the route declarations themselves: for every route
 * declared `auth: { staff: [...] }`, a staff account holding every other role is refused (403) even with an empty
 * body — the gate runs before validation — an anonymous caller gets 401, and an account with an allowed role gets
 * past the gate. Each case makes its own accounts. Record-dependent scope (districts, departments) is tested with
 * the resources (e.g. tickets/authz-matrix.test.ts).
 */

const t = await startTestServer();
afterAll(async () => {
  await t?.close();
});

const gated = declaredRoutes(createApp(t.deps).registry)
  .map((route) => ({ route, roles: rolesOf(route.auth) }))
  .filter((r): r is { route: RouteDeclaration; roles: readonly StaffRole[] } => r.roles !== null);

/** Path parameters filled with a fresh ObjectId: past the gate they lead to 400 or 404, never to a real record. */
const urlOf = (path: string) => path.replace(/:([A-Za-z_]+)/g, () => new Types.ObjectId().toHexString());

const hasBody = (method: string) => method !== 'get' && method !== 'delete';

function call(route: RouteDeclaration, token?: string) {
  return t.request(route.method.toUpperCase(), urlOf(route.path), { token, ...(hasBody(route.method) ? { body: {} } : {}) });
}

describe('declared staff roles', () => {
  it('the declarations cover the role-gated modules', () => {
    const paths = gated.map((g) => g.route.path);
    for (const prefix of ['/api/v1/admin/users', '/api/v1/admin/complaints', '/api/v1/admin/stats', '/api/v1/admin/audit', '/api/v1/admin/reply-templates']) {
      expect(paths.some((p) => p.startsWith(prefix)), prefix).toBe(true);
    }
  });

  for (const { route, roles } of gated) {
    const others = STAFF_ROLES.filter((r) => !roles.includes(r));
    const label = `${route.method.toUpperCase()} ${route.path} [${roles.join(',')}]`;
    const emptyBodyInvalid = !!route.body && !route.body.safeParse({}).success;

    it(`${label}: anonymous 401, other roles 403 before validation, ${roles[0]} past the gate`, async () => {
      expect((await call(route)).status).toBe(401);
      if (others.length) {
        const outsider = await makeStaff(t, others);
        const refused = await call(route, outsider.token);
        expect(refused.status, JSON.stringify(refused.body)).toBe(403);
        expect(refused.body.error.code).toBe('forbidden');
      }
      const insider = await makeStaff(t, [roles[0]!]);
      const allowed = await call(route, insider.token);
      expect([401, 403], JSON.stringify(allowed.body)).not.toContain(allowed.status);
      // the same empty body is a validation error once past the gate: the 403 above came first
      if (emptyBodyInvalid) expect(allowed.status, JSON.stringify(allowed.body)).toBe(400);
    });
  }

  it('新建工单 is declared for 受理员, 指挥中心调度员 and admins; the 受理员 role opens no other role-gated route', async () => {
    const intake = gated.find((g) => g.route.method === 'post' && g.route.path === '/api/v1/admin/tickets');
    expect(intake?.roles).toEqual(['intake', 'dispatcher', 'admin']);
    expect(STAFF_ROLE_LABELS.intake).toBe('受理员');
    const opened = gated.filter((g) => g.roles.includes('intake')).map((g) => `${g.route.method} ${g.route.path}`);
    expect(opened).toEqual(['post /api/v1/admin/tickets']);
  });

  it('a read-only leader posting an empty body to an admin route gets 403, an admin 400', async () => {
    const viewer = await makeStaff(t, ['viewer']);
    const admin = await makeStaff(t, ['admin']);
    expect((await t.request('POST', '/api/v1/admin/users', { token: viewer.token, body: {} })).status).toBe(403);
    expect((await t.request('POST', '/api/v1/admin/users', { token: admin.token, body: {} })).status).toBe(400);
  });

  it('the OpenAPI document names the roles of every gated operation (x-roles and a 权限 line)', async () => {
    const doc = (await t.request('GET', '/api/v1/openapi.json')).body;
    for (const { route, roles } of gated) {
      const op = doc.paths[route.path.replace(/:([A-Za-z_]+)/g, '{$1}')][route.method];
      expect(op['x-roles'], route.path).toEqual([...roles]);
      expect(op.description, route.path).toContain(`权限：${roles.map((r) => STAFF_ROLE_LABELS[r]).join('、')}`);
    }
  });
});
