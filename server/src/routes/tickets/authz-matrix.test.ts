import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketState } from '@cgt/shared/ticket/machine';
import type { StaffRole } from '../../http/auth.js';
import { syncQueue } from '../../commands/tickets/queue.js';
import type { TicketRecord } from '../../models/ticket.js';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { departmentOf, JUNSHAN, JUNSHAN_CODE, makeCitizen, makeStaff, YUEYANGLOU_CODE, type StaffFixture } from '../../testing/tickets.js';

/**
 * Generated authorization matrix: every staff route × role × own/other district → expected status.
 * Tickets live in 君山区; "own" staff are scoped to 君山区 (handlers to the department the ticket is
 * dispatched to), "other" staff to 岳阳楼区. Expectations are written out here as rules, independent
 * of the policy code they check.
 */

const ROLES: StaffRole[] = ['admin', 'dispatcher', 'handler', 'viewer', 'complaint_officer'];
const SCOPES = ['own', 'other'] as const;
type Scope = (typeof SCOPES)[number];

let t: TestServer;
let citizenToken: string;
let citizenId: string;
let dept: { id: string; name: string };
let otherDeptSameDistrict: { id: string; name: string };
const staff = new Map<string, StaffFixture>();
const key = (role: StaffRole, scope: Scope) => `${role}:${scope}`;

beforeAll(async () => {
  t = await startTestServer();
  ({ token: citizenToken, id: citizenId } = await makeCitizen(t));
  dept = await departmentOf(t, JUNSHAN_CODE, '环卫所');
  otherDeptSameDistrict = await departmentOf(t, JUNSHAN_CODE, '市政设施所');
  const otherDept = await departmentOf(t, YUEYANGLOU_CODE, '环卫所');
  for (const role of ROLES) {
    staff.set(key(role, 'own'), await makeStaff(t, [role], { districtCodes: [JUNSHAN_CODE], departmentIds: role === 'handler' ? [dept.id] : [] }));
    staff.set(key(role, 'other'), await makeStaff(t, [role], { districtCodes: [YUEYANGLOU_CODE], departmentIds: role === 'handler' ? [otherDept.id] : [] }));
  }
}, 60_000);
afterAll(async () => {
  await t?.close();
});

/** A ticket in 君山区 in the given state, written directly (the matrix is about access, not filing). */
async function ticketIn(status: TicketState, assigned: string | null): Promise<string> {
  const now = new Date();
  const _id = new Types.ObjectId();
  await t.deps.models.Ticket.create({
    _id,
    trackingNo: `YY20261127-${String(Math.floor(Math.random() * 999_999) + 1).padStart(6, '0')}`,
    status,
    version: 0,
    categoryCode: '06010',
    categoryName: '暴露垃圾',
    slaHours: 7,
    description: '矩阵测试',
    location: JUNSHAN,
    reporter: { citizenId, anonymous: false, phone: '13812341234' },
    routing: { districtCode: JUNSHAN_CODE, districtName: '君山区', reason: '测试', departmentId: assigned ?? undefined },
    assignedDepartmentId: assigned,
    dueAt: new Date(now.getTime() + 86_400_000),
    timeline: [{ type: 'created', at: now, actor: { kind: 'citizen', id: citizenId } }],
  });
  await syncQueue(t.deps, (await t.deps.models.Ticket.findById(_id).lean()) as TicketRecord);
  return String(_id);
}

/** Can this role read a 君山区 ticket at all (own district)? Handlers only when it is dispatched to them. */
const readsOwn = (role: StaffRole, assignedToHandler: boolean) => role !== 'handler' || assignedToHandler;

interface ActionCase {
  action: string;
  status: TicketState;
  assigned: boolean;
  body: () => Record<string, unknown>;
  /** roles whose own-district member may do it */
  doers: StaffRole[];
}

const CASES: ActionCase[] = [
  { action: 'accept', status: 'submitted', assigned: false, body: () => ({}), doers: ['admin', 'dispatcher'] },
  { action: 'reject', status: 'submitted', assigned: false, body: () => ({ reason: '不属于城管职责' }), doers: ['admin', 'dispatcher'] },
  { action: 'transfer', status: 'submitted', assigned: false, body: () => ({ districtCode: YUEYANGLOU_CODE, reason: '定位错误' }), doers: ['admin', 'dispatcher'] },
  { action: 'dispatch', status: 'accepted', assigned: false, body: () => ({ departmentId: dept.id }), doers: ['admin', 'dispatcher'] },
  { action: 'return', status: 'dispatched', assigned: true, body: () => ({ reason: '非本单位职责' }), doers: ['admin', 'handler'] },
  { action: 'resolve', status: 'dispatched', assigned: true, body: () => ({ reply: '已处理' }), doers: ['admin', 'handler'] },
  { action: 'verify', status: 'resolved', assigned: true, body: () => ({}), doers: ['admin', 'dispatcher'] },
  { action: 'rework', status: 'resolved', assigned: true, body: () => ({ reason: '未处理到位' }), doers: ['admin', 'dispatcher'] },
];

function expectedAction(c: ActionCase, role: StaffRole, scope: Scope): number {
  if (scope === 'other') return 404;
  if (!readsOwn(role, c.assigned)) return 404;
  return c.doers.includes(role) ? 200 : 403;
}

describe('POST /api/v1/admin/tickets/:id/transitions', () => {
  for (const c of CASES) {
    for (const role of ROLES) {
      for (const scope of SCOPES) {
        const want = expectedAction(c, role, scope);
        it(`${c.action} (${c.status}) × ${role} × ${scope} district → ${want}`, async () => {
          const id = await ticketIn(c.status, c.assigned ? dept.id : null);
          const res = await t.request('POST', `/api/v1/admin/tickets/${id}/transitions`, {
            token: staff.get(key(role, scope))!.token,
            body: { action: c.action, ...c.body() },
          });
          expect(res.status, JSON.stringify(res.body)).toBe(want);
          const after = await t.deps.models.Ticket.findById(id).lean();
          if (want === 200) {
            expect(after!.version).toBe(1);
            expect(await t.deps.models.AuditLog.countDocuments({ targetId: id, action: `ticket.${c.action}` })).toBe(1);
          } else {
            expect(after!.version).toBe(0); // a refused action changes nothing
            expect(after!.timeline).toHaveLength(1);
          }
        });
      }
    }
  }

  it('a handler of another department of the same district: 404 on read, 404 on act', async () => {
    const other = await makeStaff(t, ['handler'], { districtCodes: [JUNSHAN_CODE], departmentIds: [otherDeptSameDistrict.id] });
    const id = await ticketIn('dispatched', dept.id);
    expect((await t.request('GET', `/api/v1/admin/tickets/${id}`, { token: other.token })).status).toBe(404);
    expect((await t.request('POST', `/api/v1/admin/tickets/${id}/transitions`, { token: other.token, body: { action: 'resolve', reply: 'x' } })).status).toBe(404);
  });
});

describe('GET /api/v1/admin/tickets/:id and the list', () => {
  for (const assigned of [false, true]) {
    for (const role of ROLES) {
      for (const scope of SCOPES) {
        const visible = scope === 'own' && readsOwn(role, assigned);
        const want = visible ? 200 : 404;
        it(`${assigned ? 'dispatched' : 'submitted'} ticket × ${role} × ${scope} district → detail ${want}, ${visible ? 'in' : 'not in'} list`, async () => {
          const id = await ticketIn(assigned ? 'dispatched' : 'submitted', assigned ? dept.id : null);
          const token = staff.get(key(role, scope))!.token;
          const detail = await t.request('GET', `/api/v1/admin/tickets/${id}`, { token });
          expect(detail.status).toBe(want);
          if (visible) {
            // contact phone: full for admin and dispatcher, masked for everyone else
            expect(detail.body.reporter.phone).toBe(role === 'admin' || role === 'dispatcher' ? '13812341234' : '138****1234');
          }
          // newest due first: the file has filed well over a page of tickets by now
          const list = await t.request('GET', '/api/v1/admin/tickets?sort=-dueAt&pageSize=100', { token });
          expect(list.status).toBe(200);
          expect(list.body.items.some((i: { id: string }) => i.id === id)).toBe(visible);
        });
      }
    }
  }
});

describe('/api/v1/admin/reply-templates', () => {
  const writers: StaffRole[] = ['admin', 'dispatcher', 'handler'];
  for (const role of ROLES) {
    for (const scope of SCOPES) {
      const write = writers.includes(role);
      const others = role === 'admin';
      it(`${role} × ${scope} district → GET 200, POST ${write ? 201 : 403}, own PATCH/DELETE ${write ? '200/204' : '—'}, someone else's ${others ? '200/204' : '403'}`, async () => {
        const token = staff.get(key(role, scope))!.token;
        const theirs = await t.deps.models.ReplyTemplate.create({ title: '模板', text: '内容', scope: 'city', scopeKey: 'city', createdBy: 'x' });
        expect((await t.request('GET', '/api/v1/admin/reply-templates', { token })).status).toBe(200);
        const created = await t.request('POST', '/api/v1/admin/reply-templates', { token, body: { title: 't', text: 'x' } });
        expect(created.status).toBe(write ? 201 : 403);
        if (write) {
          expect(created.body.editable).toBe(true);
          expect((await t.request('PATCH', `/api/v1/admin/reply-templates/${created.body.id}`, { token, body: { text: 'y' } })).status).toBe(200);
          expect((await t.request('DELETE', `/api/v1/admin/reply-templates/${created.body.id}`, { token })).status).toBe(204);
        }
        expect((await t.request('PATCH', `/api/v1/admin/reply-templates/${theirs._id}`, { token, body: { text: 'y' } })).status).toBe(others ? 200 : 403);
        expect((await t.request('DELETE', `/api/v1/admin/reply-templates/${theirs._id}`, { token })).status).toBe(others ? 204 : 403);
      });
    }
  }
});

// 督办: leaders (viewer) and the dispatch centre; the state stays, the version moves (after the list tests,
// whose first page must still hold their own tickets)
describe('POST /api/v1/admin/tickets/:id/transitions {action: "supervise"}', () => {
  const c: ActionCase = { action: 'supervise', status: 'dispatched', assigned: true, body: () => ({ note: '请尽快处置', deadline: new Date(Date.now() + 2 * 86_400_000).toISOString() }), doers: ['admin', 'dispatcher', 'viewer'] };
  for (const role of ROLES) {
    for (const scope of SCOPES) {
      const want = expectedAction(c, role, scope);
      it(`supervise (dispatched) × ${role} × ${scope} district → ${want}`, async () => {
        const id = await ticketIn(c.status, dept.id);
        const res = await t.request('POST', `/api/v1/admin/tickets/${id}/transitions`, { token: staff.get(key(role, scope))!.token, body: { action: c.action, ...c.body() } });
        expect(res.status, JSON.stringify(res.body)).toBe(want);
        const after = await t.deps.models.Ticket.findById(id).lean();
        expect(after!.status).toBe('dispatched');
        expect(after!.version).toBe(want === 200 ? 1 : 0);
        expect(await t.deps.models.AuditLog.countDocuments({ targetId: id, action: 'ticket.supervise' })).toBe(want === 200 ? 1 : 0);
      });
    }
  }
});

/**
 * 考核 statistics and their exports: readers are admin, viewer (局领导) and dispatcher, each within their
 * district (an own-district reader sees 君山区 only, another district's reader gets 404 for 君山区's unit);
 * handlers and the 信访 office get 403; only admins save weights.
 */
describe('/api/v1/admin/stats/* and the statistics drill-down', () => {
  const readers: StaffRole[] = ['admin', 'viewer', 'dispatcher'];
  const period = 'from=2026-11-01&to=2026-11-30';
  const weights = {
    effectiveFrom: '2026-11',
    terms: [{ indicator: 'handleRate', weight: 100, invert: false }],
    bands: [
      { grade: '优秀', min: 90, color: '#389e0d' },
      { grade: '良好', min: 80, color: '#1677ff' },
      { grade: '合格', min: 60, color: '#d48806' },
      { grade: '不合格', min: 0, color: '#cf1322' },
    ],
  };
  for (const role of ROLES) {
    for (const scope of SCOPES) {
      const read = readers.includes(role);
      const unitWant = !read ? 403 : scope === 'own' ? 200 : 404;
      it(`${role} × ${scope} district → ranking/export ${read ? 200 : 403}, 君山区 trend/drill/export ${unitWant}, weights PUT ${role === 'admin' ? 200 : 403}`, async () => {
        const token = staff.get(key(role, scope))!.token;
        const own = scope === 'own' ? JUNSHAN_CODE : YUEYANGLOU_CODE;
        const ranking = await t.request('GET', `/api/v1/admin/stats/assessment?${period}`, { token });
        expect(ranking.status).toBe(read ? 200 : 403);
        if (read) expect(ranking.body.items.map((i: { code: string }) => i.code)).toEqual([own]);
        const xlsx = await fetch(`${t.url}/api/v1/admin/stats/assessment?${period}&format=xlsx`, { headers: { authorization: `Bearer ${token}` } });
        expect(xlsx.status).toBe(read ? 200 : 403);
        await xlsx.arrayBuffer();
        expect((await t.request('GET', `/api/v1/admin/stats/assessment?${period}&unit=department`, { token })).status).toBe(read ? 200 : 403);
        expect((await t.request('GET', `/api/v1/admin/stats/categories?${period}`, { token })).status).toBe(read ? 200 : 403);
        expect((await t.request('GET', '/api/v1/admin/stats/weights', { token })).status).toBe(read ? 200 : 403);
        expect((await t.request('GET', `/api/v1/admin/stats/trend?indicator=closeRate&code=${JUNSHAN_CODE}`, { token })).status).toBe(unitWant);
        expect((await t.request('GET', `/api/v1/admin/tickets?stat=reportedCount&statUnit=${JUNSHAN_CODE}&${period}`, { token })).status).toBe(unitWant);
        const drillXlsx = await fetch(`${t.url}/api/v1/admin/tickets?stat=reportedCount&statUnit=${JUNSHAN_CODE}&${period}&format=xlsx`, { headers: { authorization: `Bearer ${token}` } });
        expect(drillXlsx.status).toBe(unitWant);
        await drillXlsx.arrayBuffer();
        expect((await t.request('PUT', '/api/v1/admin/stats/weights', { token, body: weights })).status).toBe(role === 'admin' ? 200 : 403);
      });
    }
  }
});

describe('audiences', () => {
  it('a resident token is refused on staff routes, a staff token on resident routes (401)', async () => {
    const id = await ticketIn('submitted', null);
    const staffToken = staff.get(key('admin', 'own'))!.token;
    expect((await t.request('GET', '/api/v1/admin/tickets', { token: citizenToken })).status).toBe(401);
    expect((await t.request('GET', `/api/v1/admin/tickets/${id}`, { token: citizenToken })).status).toBe(401);
    expect((await t.request('POST', `/api/v1/admin/tickets/${id}/transitions`, { token: citizenToken, body: { action: 'accept' } })).status).toBe(401);
    expect((await t.request('GET', '/api/v1/admin/reply-templates', { token: citizenToken })).status).toBe(401);
    expect((await t.request('GET', '/api/v1/reports/mine', { token: staffToken })).status).toBe(401);
    expect((await t.request('GET', `/api/v1/reports/${id}`, { token: staffToken })).status).toBe(401);
    expect((await t.request('GET', '/api/v1/admin/tickets')).status).toBe(401);
    expect((await t.request('GET', '/api/v1/admin/stats/assessment?from=2026-11-01&to=2026-11-30', { token: citizenToken })).status).toBe(401);
    expect((await t.request('GET', '/api/v1/admin/stats/assessment?from=2026-11-01&to=2026-11-30')).status).toBe(401);
  });
});
