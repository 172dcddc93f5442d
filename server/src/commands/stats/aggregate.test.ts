import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatTrackingNo } from '@cgt/shared/format/tracking-no';
import { allowedActions, type TicketState } from '@cgt/shared/ticket/machine';
import { SATISFACTION_LEVELS } from '@cgt/shared/ticket/rating';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { ensureGinTwins } from '../../db/postgres-gin-indexes.js';
import type { StaffPrincipal } from '../../http/auth.js';
import type { TicketRecord } from '../../models/ticket.js';
import { unpackRow, type StatPeriodRowDoc, type StoredPeriodRow } from '../../models/stat.js';
import { buildNewTicket } from '../../domain/tickets/build-ticket.js';
import { ticketFacts } from '../../domain/stats/ticket-facts.js';
import { resolveRouting } from '../../services/routing.js';
import { citizenActor } from '../tickets/common.js';
import { buildStaffChange, type StaffChangeTargets } from '../tickets/staff-change.js';
import { applyChangeToRecord, type RecordChange } from '../../domain/tickets/build-ticket.js';
import { authorizeStaffAction } from '../../policies/tickets.js';
import { ratingChange } from '../tickets/citizen-actions.js';
import type { TransitionRequest } from '@cgt/shared/schemas/tickets';
import { syncQueue } from '../tickets/queue.js';
import { writeTicketProjectionsBulk } from '../tickets/projections.js';
import { staffTransition } from '../tickets/staff-transition.js';
import { rateReport, withdrawReport } from '../tickets/citizen-actions.js';
import { superviseTicket } from '../tickets/supervise.js';
import { buildExtensionStep, extensionAction } from '../tickets/extension.js';
import { checkExtensionAction, extensionActions, hoursPerDay } from '@cgt/shared/ticket/extension';
import { slaHoursBetween } from '@cgt/shared/calendar/working-time';
import { syncTicketStats } from './sync-facts.js';
import { drainStats, sumRows } from './recount.js';
import { rebuildStats } from './rebuild.js';

/**
 * Aggregate rows = brute-force recount, after a randomized history of N tickets with every kind of
 * transition (立案, 不予立案/重复, 派遣, 回退, 处置, 核查结案, 返工, 评价 incl. 不满意重办, 移交, 撤回, 督办,
 * 延期申请/批准/驳回)
 * driven through the real commands (the kernel's versioned write and its projections), with two writers
 * racing for the same ticket and repeated syncs (a retried request) along the way, over ~2 months of clock.
 */

/** tickets whose history is built by the commands' pure builders and written in steps (the bulk) */
const N = Number(process.env.STATS_AGG_TICKETS ?? 2000);
/** tickets driven through the real commands, with racing writers (the kernel path; slow on a busy box) */
const KERNEL_N = Number(process.env.STATS_AGG_KERNEL_TICKETS ?? 60);
const POINTS = [
  { lat: 29.461106, lng: 113.006435 }, // 君山区
  { lat: 29.371814, lng: 113.129684 }, // 岳阳楼区
];

let t: TestServer;
let clock = new Date('2026-09-01T01:00:00Z');
let seed = 20261202;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

beforeAll(async () => {
  t = await startTestServer({ now: () => clock });
  // the equality indexes the embedded server creates at boot (db/postgres-gin-indexes.ts): without them every
  // fact lookup would read the whole collection, which is not what production does
  const pg = inject('postgresUrl');
  if (pg) await ensureGinTwins(pg, t.deps.connection, Object.values(t.deps.models));
}, 120_000);
afterAll(async () => {
  await t?.close();
});

function principal(roles: StaffPrincipal['roles'], departmentIds: string[] = []): StaffPrincipal {
  return { kind: 'staff', userId: new Types.ObjectId().toHexString(), username: 'x', displayName: roles.join('+'), roles, districtCodes: [], departmentIds };
}

async function runLimited<T>(items: T[], parallel: number, fn: (x: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

const clean = (r: StatPeriodRowDoc) => ({ _id: r._id, total: r.total, byZone: r.byZone, byDept: r.byDept, byCat: r.byCat });
const sortById = <T extends { _id: string }>(xs: T[]) => [...xs].sort((a, b) => (a._id < b._id ? -1 : 1));

describe(`statistics rows after a randomized history of ${N + KERNEL_N} tickets`, () => {
  it('equal a brute-force recount over the tickets, and a rebuild gives the same rows', async () => {
    const { models } = t.deps;
    const depts = await models.Department.find({}).lean();
    const districts = await models.District.find({ kind: 'district' }, { code: 1, name: 1 }).lean();
    const categories = (await models.Category.find({}).lean()).slice(0, 12).map((c) => ({ code: String(c._id), name: c.name, slaHours: c.slaHours }));
    const routings = await Promise.all(POINTS.map((p) => resolveRouting(t.deps, p)));
    const admin = principal(['admin']);
    const viewer = principal(['viewer']);
    const handlerOf = (deptId: string) => principal(['handler'], [deptId]);
    const citizen = new Types.ObjectId().toHexString();

    let mark = performance.now();
    const phase = (name: string) => {
      if (process.env.STATS_AGG_DEBUG) console.log(name, Math.round(performance.now() - mark), 'ms');
      mark = performance.now();
    };
    const fileDoc = (i: number, at: Date): TicketRecord => {
      const k = i % POINTS.length;
      const r = routings[k]!;
      const doc = buildNewTicket({
        ticketId: new Types.ObjectId().toHexString(),
        now: at,
        citizenId: citizen,
        category: pick(categories),
        point: POINTS[k]!,
        routing: { district: r.district, zone: r.zone, department: r.department, ruleId: r.ruleId, reason: r.reason },
        description: '随机历史',
        photoIds: [],
        anonymous: false,
        actor: i % 7 === 0 ? { kind: 'staff', id: admin.userId, name: '录入员', label: '指挥中心' } : citizenActor(citizen),
        outbox: [],
      });
      return { ...doc, trackingNo: formatTrackingNo(at, i + 1), createdAt: at, updatedAt: at } as TicketRecord;
    };
    const deptsFor = (tk: TicketRecord) => depts.filter((x) => x.districtCode === (tk.routing.zoneCode ?? tk.routing.districtCode) || x.districtCode === tk.routing.districtCode);

    // 1. the bulk: each history built step by step by the commands' pure builders (every kind of transition)
    const histories: TicketRecord[][] = [];
    for (let i = 0; i < N; i++) {
      let at = Date.parse('2026-09-01T01:00:00Z') + Math.floor(rnd() * 60 * 24) * 3600_000;
      let tk = fileDoc(i, new Date(at));
      const steps = [tk];
      const staff = (req: TransitionRequest, targets: StaffChangeTargets = {}, p: StaffPrincipal = admin) => {
        const when = new Date(at);
        const to = authorizeStaffAction(p, tk, req.action as never);
        tk = applyChangeToRecord(tk, buildStaffChange({ now: () => when }, p, tk, req as never, to, when, targets).change as RecordChange, when);
      };
      for (let step = 0; step < 12 && rnd() > 0.08; step++) {
        at += (0.5 + rnd() * 40) * 3600_000;
        const when = new Date(at);
        const x = rnd();
        const other = pick(districts.filter((d) => d.code !== tk.routing.districtCode));
        const transfer = () => staff({ action: 'transfer', districtCode: other.code, reason: '属地调整' } as TransitionRequest, { transfer: { district: { code: other.code, name: other.name }, zone: null } });
        const supervise = () => {
          const deadline = new Date(at + (1 + rnd() * 6) * 86_400_000);
          tk = applyChangeToRecord(tk, { to: tk.status, set: { supervision: { at: when, deadline, note: '督办', byId: viewer.userId, byName: '局领导' } }, timeline: [{ type: 'supervised', at: when, actor: { kind: 'staff', id: viewer.userId, name: '局领导', label: '指挥中心' }, note: '督办', deadline }] }, when);
        };
        // 延期: apply, then (when one is pending) approve or refuse, as the command would
        const extension = () => {
          const p = tk.extension?.state === 'pending' ? admin : handlerOf(tk.assignedDepartmentId!);
          const action = tk.extension?.state === 'pending' && tk.extension.departmentId === tk.assignedDepartmentId ? (rnd() < 0.7 ? 'approve_extension' : 'refuse_extension') : 'request_extension';
          if (!checkExtensionAction(action, { roles: p.roles, isAssignedDepartment: true }, tk).ok) return;
          const body = { action, reason: '需协调', extraWorkingDays: 1 + Math.floor(rnd() * 5) } as TransitionRequest;
          let step;
          try {
            step = buildExtensionStep({ now: () => when }, p, tk, body, when);
          } catch {
            return; // the deadline asked for is already past (long overdue): the command refuses it too
          }
          tk = applyChangeToRecord(tk, { to: tk.status, set: step.set, timeline: [step.entry] }, when);
        };
        const rate = () => {
          const change = ratingChange({ now: () => when } as never, tk, citizen, { satisfaction: pick(SATISFACTION_LEVELS) }, when);
          if (change) tk = applyChangeToRecord(tk, change as RecordChange, when);
        };
        switch (tk.status) {
          case 'submitted':
            if (x < 0.75) staff({ action: 'accept' } as TransitionRequest);
            else if (x < 0.83) transfer();
            else if (x < 0.9) staff({ action: 'reject', reason: '不属于职责', ...(rnd() < 0.4 ? { duplicateOf: 'x' } : {}) } as TransitionRequest, rnd() < 0.4 ? { duplicateOf: String(steps[0]!._id) } : {});
            else if (x < 0.95) tk = applyChangeToRecord(tk, { to: 'withdrawn', timeline: [{ type: 'withdrawn', at: when, actor: citizenActor(citizen), fromStatus: 'submitted', toStatus: 'withdrawn' }] }, when);
            else supervise();
            break;
          case 'accepted': {
            const d = pick(deptsFor(tk));
            if (x < 0.85 && d) staff({ action: 'dispatch', departmentId: String(d._id) } as TransitionRequest, { department: { id: String(d._id), name: d.name } });
            else if (x < 0.95) transfer();
            else supervise();
            break;
          }
          case 'dispatched':
            if (x < 0.2) extension();
            else if (x < 0.7) staff({ action: 'resolve', reply: '已处理' } as TransitionRequest, {}, handlerOf(tk.assignedDepartmentId!));
            else if (x < 0.82) staff({ action: 'return', reason: '派错单位' } as TransitionRequest, {}, handlerOf(tk.assignedDepartmentId!));
            else if (x < 0.87) transfer();
            else supervise();
            break;
          case 'resolved':
            if (x < 0.6) staff({ action: 'verify' } as TransitionRequest);
            else if (x < 0.8) staff({ action: 'rework', reason: '核查不合格' } as TransitionRequest);
            else rate();
            break;
          case 'closed':
            if (!tk.satisfaction && x < 0.6) rate();
            break;
          default:
            break;
        }
        if (tk !== steps[steps.length - 1]) steps.push(tk);
      }
      histories.push(steps);
    }
    // the writes as the live path makes them: the ticket at each version, then its sync; sometimes two
    // processes race (one syncing a version already overtaken), sometimes a retry syncs the same version again
    await models.Ticket.collection.insertMany(histories.map((h) => h[h.length - 1]!) as never[]);
    let raced = 0;
    await runLimited(histories, 8, async (h) => {
      const last = h[h.length - 1]!;
      const earlier = h.slice(0, -1).filter(() => rnd() < 0.15);
      for (const v of earlier) await syncTicketStats(t.deps, v);
      if (rnd() < 0.15 && h.length > 1) {
        raced++;
        await Promise.all([syncTicketStats(t.deps, h[h.length - 2]!), syncTicketStats(t.deps, last)]);
      } else await syncTicketStats(t.deps, last);
      if (rnd() < 0.05) await syncTicketStats(t.deps, last);
    });
    // ticket_rows (the rebuild reaches the tickets through them), as the bulk writers make them
    await writeTicketProjectionsBulk(t.deps, histories.map((h) => h[h.length - 1]!), clock);
    phase('bulk');

    // 2. the kernel path: tickets driven through the real commands, two writers racing now and then
    const kernelIds: string[] = [];
    for (let i = 0; i < KERNEL_N; i++) {
      const tk = fileDoc(N + i, new Date(Date.parse('2026-09-01T01:00:00Z') + Math.floor(rnd() * 30 * 24) * 3600_000));
      await models.Ticket.collection.insertOne(tk as never);
      await syncQueue(t.deps, tk);
      await syncTicketStats(t.deps, tk);
      kernelIds.push(String(tk._id));
    }
    clock = new Date('2026-11-02T02:00:00Z');
    const t0 = performance.now();
    let actions = 0;
    const failures = new Map<string, number>();
    for (let round = 0; round < 6; round++) {
      clock = new Date(clock.getTime() + (6 + Math.floor(rnd() * 40)) * 3600_000);
      await runLimited(kernelIds, 6, async (id) => {
        const tk = (await models.Ticket.findById(id).lean()) as TicketRecord;
        const deptId = tk.assignedDepartmentId;
        const choices: string[] = allowedActions({ status: tk.status as TicketState, roles: ['admin', 'dispatcher'], isAssignedDepartment: true }).filter(
          (a) => (a !== 'reject' && a !== 'withdraw') || rnd() < 0.1,
        );
        if ((tk.status === 'resolved' || tk.status === 'closed') && !tk.satisfaction) choices.push('rate');
        if (['submitted', 'accepted', 'dispatched', 'resolved'].includes(tk.status) && rnd() < 0.15) choices.push('supervise');
        // 延期 for as many working days as put the deadline past now (a ticket months overdue cannot ask)
        const tkClock = tk.slaClock ?? 'working';
        const behind = Math.max(0, slaHoursBetween(tk.dueAt, clock, tkClock));
        const extraDays = Math.ceil(behind / hoursPerDay(tkClock)) + 1 + Math.floor(rnd() * 3);
        if (tk.status === 'dispatched') choices.push(...extensionActions({ roles: ['admin'], isAssignedDepartment: true }, tk).filter((a) => a !== 'request_extension' || extraDays <= 30));
        if (choices.length === 0) return;
        const action = pick(choices);
        const run = async () => {
          switch (action) {
            case 'withdraw':
              return withdrawReport(t.deps, citizen, id);
            case 'rate':
              return rateReport(t.deps, citizen, id, { satisfaction: pick(SATISFACTION_LEVELS) });
            case 'request_extension':
              return extensionAction(t.deps, deptId ? handlerOf(deptId) : admin, id, { action, reason: '需协调', extraWorkingDays: extraDays } as TransitionRequest, '127.0.0.1');
            case 'approve_extension':
            case 'refuse_extension':
              return extensionAction(t.deps, admin, id, { action, reason: '时限充足' } as TransitionRequest, '127.0.0.1');
            case 'supervise':
              return superviseTicket(t.deps, pick([viewer, admin]), id, { action: 'supervise', note: '督办', deadline: new Date(clock.getTime() + (1 + Math.floor(rnd() * 5)) * 86_400_000).toISOString() }, '127.0.0.1');
            case 'dispatch':
              return staffTransition(t.deps, admin, id, { action: 'dispatch', departmentId: String(pick(deptsFor(tk))._id) }, '127.0.0.1');
            case 'transfer': {
              const target = pick(districts.filter((d) => d.code !== tk.routing.districtCode));
              return staffTransition(t.deps, admin, id, { action: 'transfer', districtCode: target.code, reason: '属地调整' }, '127.0.0.1');
            }
            case 'reject':
              return staffTransition(t.deps, admin, id, { action: 'reject', reason: '不属于职责' }, '127.0.0.1');
            case 'return':
            case 'resolve':
              return staffTransition(t.deps, deptId ? handlerOf(deptId) : admin, id, { action, reason: '派错单位', reply: '已处理' } as never, '127.0.0.1');
            default:
              return staffTransition(t.deps, admin, id, { action: action as 'accept', reason: '核查不合格' }, '127.0.0.1');
          }
        };
        const quiet = (p: Promise<unknown>) =>
          p.then(
            () => 1,
            (e: { status?: number; code?: string }) => {
              if (e?.status !== 409) throw e;
              failures.set(`${action}:${e.code}`, (failures.get(`${action}:${e.code}`) ?? 0) + 1);
              return 0;
            },
          );
        if (rnd() < 0.15) {
          // two processes take the same action on the same ticket: exactly one wins
          raced++;
          const n = (await Promise.all([quiet(run()), quiet(run())])).reduce((a, b) => a + b, 0);
          expect(n).toBeLessThanOrEqual(1);
          actions += n;
        } else actions += await quiet(run());
        // a retried request re-syncs the same version
        if (rnd() < 0.1) await syncTicketStats(t.deps, (await models.Ticket.findById(id).lean()) as TicketRecord);
      });
    }
    phase('kernel');
    if (process.env.STATS_AGG_DEBUG) console.log({ actions, raced, failures: Object.fromEntries(failures), ms: performance.now() - t0 });
    expect(actions).toBeGreaterThan(KERNEL_N);
    expect(raced).toBeGreaterThan(0);
    clock = new Date('2026-12-01T02:00:00Z');

    // the rows, as a reader would settle them
    await drainStats(t.deps);
    phase('drain');
    const db = t.deps.connection.db!;
    const days = ((await db.collection('stat_days').find({}).toArray()) as unknown as StoredPeriodRow[]).map(unpackRow) as StatPeriodRowDoc[];
    const months = ((await db.collection('stat_months').find({}).toArray()) as unknown as StoredPeriodRow[]).map(unpackRow) as StatPeriodRowDoc[];
    const tickets = (await db.collection('tickets').find({}).toArray()) as unknown as TicketRecord[];
    expect(tickets).toHaveLength(N + KERNEL_N);

    // brute force: every ticket's facts, summed per day × district and per month × district
    const byDay = new Map<string, ReturnType<typeof ticketFacts>>();
    const kinds = new Set<string>();
    for (const tk of tickets) {
      for (const f of ticketFacts(tk)) {
        if (!byDay.has(f.bucket)) byDay.set(f.bucket, []);
        byDay.get(f.bucket)!.push(f);
        for (const k of Object.keys(f.c)) kinds.add(k);
      }
    }
    // every kind of event happened
    for (const k of ['reported', 'reportedStaff', 'accepted', 'rejected', 'duplicates', 'dispatched', 'returned', 'resolved', 'resolvedOnTime', 'resolvedLate', 'closed', 'closedOnTime', 'reworked', 'reopened', 'rated', 'dissatisfied', 'supervised', 'supervisedClosedOnTime', 'extended', 'overdueUnclosed', 'overdueUnresolved', 'handlingHours']) {
      expect(kinds, k).toContain(k);
    }
    const expectedDays = [...byDay.entries()].map(([bucket, facts]) => ({ _id: bucket, ...sumRows(facts) }));
    expect(sortById(days.map(clean))).toEqual(sortById(expectedDays));
    const byMonth = new Map<string, typeof expectedDays>();
    for (const d of expectedDays) {
      const [day, district] = d._id.split('|');
      const key = `${day!.slice(0, 7)}|${district}`;
      if (!byMonth.has(key)) byMonth.set(key, []);
      byMonth.get(key)!.push(d);
    }
    const expectedMonths = [...byMonth.entries()].map(([key, rows]) => ({ _id: key, ...sumRows(rows) }));
    expect(sortById(months.map(clean))).toEqual(sortById(expectedMonths));

    // an independent tally from the timelines for a few counters (city-wide per month)
    const tally = new Map<string, number>();
    const bump = (k: string, at: Date) => {
      const m = new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
      tally.set(`${m}:${k}`, (tally.get(`${m}:${k}`) ?? 0) + 1);
    };
    for (const tk of tickets) {
      for (const e of tk.timeline) {
        if (e.type === 'created') bump('reported', e.at);
        if (e.type === 'accepted' || (e.type === 'transferred' && e.fromStatus === 'submitted')) bump('accepted', e.at);
        if (e.type === 'verified') bump('closed', e.at);
        if (e.type === 'reworked' || e.type === 'reopened') bump('reworked', e.at);
        if (e.type === 'supervised') bump('supervised', e.at);
        if (e.type === 'extension_approved') bump('extended', e.at);
      }
    }
    for (const [key, n] of tally) {
      const [m, k] = key.split(':') as [string, string];
      const stored = months.filter((r) => r.period === m).reduce((s, r) => s + (r.total[k] ?? 0), 0);
      expect(stored, key).toBe(n);
    }

    phase('compare');
    // the rebuild from the tickets gives the same rows
    const r = await rebuildStats(t.deps);
    phase('rebuild');
    expect(r.tickets).toBe(N + KERNEL_N);
    const days2 = ((await db.collection('stat_days').find({}).toArray()) as unknown as StoredPeriodRow[]).map(unpackRow) as StatPeriodRowDoc[];
    const months2 = ((await db.collection('stat_months').find({}).toArray()) as unknown as StoredPeriodRow[]).map(unpackRow) as StatPeriodRowDoc[];
    expect(sortById(days2.map(clean))).toEqual(sortById(days.map(clean)));
    expect(sortById(months2.map(clean))).toEqual(sortById(months.map(clean)));
  }, 600_000);
});
