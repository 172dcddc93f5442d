import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromShanghai } from '@cgt/shared/calendar/working-time';
import { ComplaintListQuery } from '@cgt/shared/schemas/complaints';
import { SWEEP_STAMP_ID } from '../../commands/complaints/open-set.js';
import { settleComplaintCounts } from '../../commands/complaints/counts.js';
import { declaredPlan, uncovered } from '../../db/index-plan.js';
import { hashIdNumber } from '../../services/pii-keys.js';
import type { StaffPrincipal } from '../../http/auth.js';
import type { ComplaintRecord } from '../../models/complaint.js';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { complaintBody, ID_A, makeOfficer, makeResident, staffAct } from '../../testing/complaints.js';
import { expectedIds, NAMES, seedCases, storedCases, TICKET } from '../../testing/complaint-cases.js';

/**
 * The 信访 read side against an oracle: 48 cases over five months, three districts, four channels and
 * several states, bulk-written like the scale benchmark writes them; every registry view is compared,
 * page by page, with the answer computed from the cases themselves. And the shape of what the server
 * asks the database: only top-level equalities that a declared index leads with (FerretDB pushes those
 * down), never `complaints` beyond one case by _id or number, the open set read only as itself.
 */

let t: TestServer;
const clock = fromShanghai('2026-05-20 10:00');
type Officer = Awaited<ReturnType<typeof makeOfficer>>;
let city: Officer;
let local: Officer;
let residents: { id: string; token: string }[];
let cases: ComplaintRecord[];

const principal = (districtCodes: string[] = []) => ({ districtCodes }) as unknown as StaffPrincipal;

interface Op {
  collection: string;
  method: string;
  filter: Record<string, unknown>;
  sort?: Record<string, unknown>;
}
let ops: Op[] | null = null;

beforeAll(async () => {
  t = await startTestServer({ now: () => clock });
  city = await makeOfficer(t);
  local = await makeOfficer(t, ['complaint_officer'], { districtCodes: ['430602'] });
  residents = [await makeResident(t), await makeResident(t)];
  cases = await seedCases(t, 48, residents.map((r) => r.id));
  // every operation the models issue, with its filter and sort (mongoose emits these when listened to)
  t.deps.connection.on('operation-start', (e: { collectionName: string; method: string; params: unknown[] }) => {
    if (!ops) return;
    const [filter, opts] = e.params as [Record<string, unknown> | undefined, { sort?: Record<string, unknown> } | undefined];
    ops.push({ collection: e.collectionName, method: e.method, filter: filter ?? {}, sort: opts?.sort });
  });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

async function ids(token: string, qs: string, pageSize = 10): Promise<{ all: string[]; totals: number[] }> {
  const all: string[] = [];
  const totals: number[] = [];
  for (let page = 1; page <= 20; page++) {
    const r = await t.request('GET', `/api/v1/admin/complaints?${qs}${qs ? '&' : ''}page=${page}&pageSize=${pageSize}`, { token });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    totals.push(r.body.total);
    all.push(...r.body.items.map((i: { id: string }) => i.id));
    if (page * pageSize >= r.body.total) break;
  }
  return { all, totals };
}

async function expectView(token: string, districtCodes: string[], qs: string, pageSize = 10) {
  const q = ComplaintListQuery.parse(Object.fromEntries(new URLSearchParams(qs)));
  const want = expectedIds(await storedCases(t), principal(districtCodes), q, clock);
  const got = await ids(token, qs, pageSize);
  expect(got.all, qs).toEqual(want);
  expect(new Set(got.totals), qs).toEqual(new Set([want.length]));
  return want;
}

describe('registry views against the oracle, page by page', () => {
  it('the default view walks the months newest first; every page and the total are exact', async () => {
    const want = await expectView(city.token, [], '', 7);
    expect(want).toHaveLength(48);
    await expectView(city.token, [], 'sort=registeredAt', 9);
  });

  it.each([
    ['status=registered'],
    ['status=concluded&sort=due'],
    ['channel=letter'],
    ['type=suggestion'],
    ['repeat=true'],
    ['districtCode=430611'],
    ['sort=due'],
    ['overdue=true'],
    ['dueSoon=true'],
    ['overdue=false'],
    ['status=accepted&channel=online'],
    ['status=handling&districtCode=430602'],
    [`ticketId=${TICKET}`],
    [`q=${encodeURIComponent('建')}`],
    [`q=${encodeURIComponent('建国')}`],
    [`q=${encodeURIComponent('王建国')}`],
    [`q=${encodeURIComponent('国')}&sort=due`],
    ['q=YYXF2026-900005'],
  ])('%s', async (qs) => {
    const want = await expectView(city.token, [], qs, 6);
    if (!qs.startsWith('overdue=false') && !qs.includes('sort=due')) expect(want.length).toBeLessThan(48);
  });

  it('an officer of one district sees it and the cases without a district, nothing else', async () => {
    const want = await expectView(local.token, ['430602'], '', 6);
    expect(want.length).toBe(32);
    await expectView(local.token, ['430602'], 'overdue=true');
    await expectView(local.token, ['430602'], 'channel=visit');
    expect((await ids(local.token, 'districtCode=430611')).all).toEqual([]);
  });

  it('the 积案 list, the ID-number search and the resident list', async () => {
    const backlog = await t.request('GET', '/api/v1/admin/complaints/backlog?pageSize=100', { token: city.token });
    const q = ComplaintListQuery.parse({ backlog: 'true', sort: 'due' });
    expect(backlog.body.items.map((i: { id: string }) => i.id)).toEqual(expectedIds(await storedCases(t), principal(), q, clock));
    expect(backlog.body.total).toBeGreaterThan(0);

    const byId = await t.request('POST', '/api/v1/admin/complaints/search', { token: city.token, body: { idNumber: ID_A, pageSize: 3 } });
    const hash = await hashIdNumber(t.deps, ID_A);
    const all = expectedIds(await storedCases(t), principal(), ComplaintListQuery.parse({}), clock, hash);
    expect(byId.body.total).toBe(all.length);
    expect(byId.body.items.map((i: { id: string }) => i.id)).toEqual(all.slice(0, 3));

    const mine = await t.request('GET', '/api/v1/complaints/mine?pageSize=100', { token: residents[0]!.token });
    const own = cases.filter((c) => c.citizenId === residents[0]!.id).sort((a, b) => b.registeredAt.getTime() - a.registeredAt.getTime());
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual(own.map((c) => String(c._id)));
    expect(mine.body.items[0]).toMatchObject({ summary: own[0]!.request, statusLabel: expect.any(String) });
  });
});

describe('what the server asks the database', () => {
  const plan = () => declaredPlan(t.deps.models as never);
  const record = async (f: () => Promise<unknown>): Promise<Op[]> => {
    ops = [];
    await f();
    const out = ops;
    ops = null;
    return out;
  };
  const hasEquality = (o: Op) => uncovered(plan(), { collection: o.collection, method: o.method, filter: o.filter, sort: o.sort });

  it('lists: only equality-led queries on the rows and counts; the open set by itself; never the cases collection', async () => {
    for (const qs of ['', 'page=3&pageSize=5', 'status=final', 'channel=online&type=appeal', 'overdue=true', 'dueSoon=true', 'sort=due', `q=${encodeURIComponent('王')}`, `ticketId=${TICKET}`]) {
      const seen = (await record(() => t.request('GET', `/api/v1/admin/complaints?${qs}`, { token: local.token }))).filter((o) => o.collection.startsWith('complaint'));
      expect(seen.length, qs).toBeGreaterThan(0);
      for (const o of seen) {
        expect(['complaint_rows', 'complaint_counts', 'complaint_count_dirty', 'complaint_open'], `${qs}: ${o.collection}`).toContain(o.collection);
        if (o.collection !== 'complaint_open') expect(hasEquality(o), `${qs}: ${JSON.stringify(o)}`).toBeNull();
      }
    }
    const mine = await record(() => t.request('GET', '/api/v1/complaints/mine', { token: residents[1]!.token }));
    expect(mine.filter((o) => o.collection.startsWith('complaint')).map((o) => [o.collection, Object.keys(o.filter)])).toEqual([
      ['complaint_rows', ['citizenId']],
      ['complaint_rows', ['citizenId']],
    ]);
  });

  it('registration, repeat detection and an action: the cases by _id or number, the rows by equality keys', async () => {
    const body = { ...complaintBody({ request: '清理第5号楼下的垃圾', content: '第5号楼下垃圾堆放' }), channel: 'visit' };
    const seen = await record(async () => {
      const r = await t.request('POST', '/api/v1/admin/complaints', { token: city.token, body });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      // ID_A filed cases 0, 6, 12…: the office's visit repeats the similar matter of the same ID number
      expect(r.body.repeatOf.length).toBeGreaterThan(0);
      const acted = await staffAct(t, city.token, r.body.id, { action: 'accept' });
      expect(acted.status).toBe(200);
      const detail = await t.request('GET', `/api/v1/admin/complaints/${r.body.caseNo}`, { token: city.token });
      expect(detail.body.repeatOf.map((x: { caseNo: string }) => x.caseNo)).toEqual(r.body.repeatOf.map((x: { caseNo: string }) => x.caseNo));
    });
    const onCases = seen.filter((o) => o.collection === 'complaints');
    for (const o of onCases) expect(Object.keys(o.filter).some((k) => k === '_id' || k === 'caseNo'), JSON.stringify(o)).toBe(true);
    const onRows = seen.filter((o) => o.collection === 'complaint_rows' || o.collection === 'complaint_counts');
    for (const o of onRows) expect(hasEquality(o), JSON.stringify(o)).toBeNull();
    const repeatLookups = onRows.filter((o) => o.method === 'find' && ('idNumberHash' in o.filter || 'citizenId' in o.filter));
    expect(repeatLookups.map((o) => Object.keys(o.filter))).toEqual([['idNumberHash']]);
  });
});

describe('counts stay exact under concurrent writers', () => {
  it('after concurrent actions on many cases every stored bucket equals a recount of the rows', async () => {
    const open = (await storedCases(t)).filter((c) => c.status === 'registered').slice(0, 6);
    await Promise.all(open.flatMap((c) => [staffAct(t, city.token, String(c._id), { action: 'accept' }), staffAct(t, local.token, String(c._id), { action: 'transfer', transferTo: '住建局' })]));
    // writers only mark the buckets they moved; a reader (or the job) settles them before counting
    expect(await t.deps.connection.db!.collection('complaint_count_dirty').countDocuments({})).toBeGreaterThan(0);
    await settleComplaintCounts(t.deps);
    expect(await t.deps.connection.db!.collection('complaint_count_dirty').countDocuments({})).toBe(0);
    const buckets = (await t.deps.connection.db!.collection('complaint_counts').find({}).toArray()).filter((b) => String(b._id) !== SWEEP_STAMP_ID);
    const rows = t.deps.connection.db!.collection('complaint_rows');
    for (const b of buckets) {
      const [month, district, dim] = String(b._id).split('|');
      const filter: Record<string, unknown> = { month, district };
      if (dim !== '*') {
        const [field, raw] = dim!.split('=');
        filter[field!] = field === 'open' || field === 'isRepeat' ? raw === 'true' : raw;
      }
      expect(b.n, String(b._id)).toBe(await rows.countDocuments(filter));
    }
    await expectView(city.token, [], '', 25);
    await expectView(city.token, [], 'status=accepted');
    await expectView(city.token, [], 'overdue=true');
    expect(NAMES).toHaveLength(4);
  });
});
