import { Types } from 'mongoose';
import { CATEGORIES } from '@cgt/shared/categories/seed';
import { formatTrackingNo } from '@cgt/shared/format/tracking-no';
import { SATISFACTION_LEVELS, type Satisfaction } from '@cgt/shared/ticket/rating';
import type { TransitionRequest } from '@cgt/shared/schemas/tickets';
import type { AppDeps } from '../deps.js';
import type { StaffPrincipal } from '../http/auth.js';
import type { TicketRecord } from '../models/ticket.js';
import { applyChangeToRecord, buildNewTicket, type RecordChange } from '../domain/tickets/build-ticket.js';
import { mulberry32 } from '../domain/poi/prng.js';
import { buildStaffChange, type StaffChangeTargets } from '../commands/tickets/staff-change.js';
import { buildExtensionStep } from '../commands/tickets/extension.js';
import { ratingChange } from '../commands/tickets/citizen-actions.js';
import { citizenActor } from '../commands/tickets/common.js';
import { writeTicketProjectionsBulk } from '../commands/tickets/projections.js';
import { drainStats } from '../commands/stats/recount.js';
import { resolveRouting } from '../services/routing.js';

/**
 * 【演示】 history for the 考核 dashboard on `npm start` (DEMO_DATA=1): six months of closed-loop cases per
 * district, ending three weeks ago (the live demo tickets of demo-tickets.ts cover the last three weeks), with
 * each district's own handling profile so the ranking, grades and map differ. Built by the commands' pure
 * builders (buildNewTicket, buildStaffChange, ratingChange) and written by the bulk projection writer, which
 * also writes their statistics facts; the day/month rows are recounted in the background. Every description
 * starts with 【演示】 and tracking numbers use sequence numbers from 900000 (never issued live). Runs once.
 */

interface Profile {
  /** reports per month */
  volume: number;
  /** resolution inside the deadline */
  onTime: number;
  /** 核查 fails: 返工 */
  rework: number;
  /** dissatisfied residents (of those who rate) */
  dissatisfied: number;
  /** left with the department past its deadline */
  stuck: number;
  /** the department applies for 延期 (7 in 10 approved) */
  extension: number;
}

const PROFILES: Record<string, Profile> = {
  '430602': { volume: 20, onTime: 0.95, rework: 0.03, dissatisfied: 0.04, stuck: 0.01, extension: 0.03 }, // 岳阳楼区
  '430603': { volume: 10, onTime: 0.86, rework: 0.08, dissatisfied: 0.1, stuck: 0.03, extension: 0.08 }, // 云溪区
  '430611': { volume: 12, onTime: 0.66, rework: 0.16, dissatisfied: 0.22, stuck: 0.07, extension: 0.18 }, // 君山区
};
const DEFAULT_PROFILE: Profile = { volume: 6, onTime: 0.8, rework: 0.1, dissatisfied: 0.12, stuck: 0.04, extension: 0.06 };

const DAY = 86_400_000;
const H = 3_600_000;
const MONTHS = 6;
const SEQ_BASE = 900_000;

const staff = (id: string, name: string, roles: StaffPrincipal['roles'], departmentIds: string[] = []): StaffPrincipal => ({
  kind: 'staff',
  userId: id,
  username: name,
  displayName: name,
  roles,
  districtCodes: [],
  departmentIds,
});

export async function ensureDemoHistory(deps: AppDeps, log: (m: string) => void = () => undefined, opts: { waitForRows?: boolean } = {}): Promise<number> {
  const { models } = deps;
  if (await models.SeedStamp.exists({ _id: 'demo-history' })) return 0;
  const rnd = mulberry32(20261202);
  const now = deps.now();
  const end = now.getTime() - 22 * DAY;
  const start = end - MONTHS * 30 * DAY;
  const dispatcher = staff('000000000000000000000001', '市指挥中心·值班调度员（示例）', ['dispatcher']);
  const leader = staff('000000000000000000000003', '局领导（示例）', ['viewer']);
  const citizen = (await models.Citizen.findOneAndUpdate(
    { openid: 'demo:示例市民1' },
    { $setOnInsert: { openid: 'demo:示例市民1', source: 'demo', nickname: '张女士' } },
    { upsert: true, returnDocument: 'after' },
  ))!;
  const citizenId = String(citizen._id);
  const districts = await models.District.find({ kind: 'district' }, { code: 1, name: 1, center: 1 }).lean();
  const departments = await models.Department.find({}, { name: 1, districtCode: 1 }).lean();
  const categories = CATEGORIES.slice(0, 24);
  const tickets: TicketRecord[] = [];
  let seq = 0;

  for (const d of districts) {
    const depts = departments.filter((x) => x.districtCode === d.code);
    if (depts.length === 0 || !d.center?.lat || !d.center?.lng) continue;
    const profile = PROFILES[d.code] ?? DEFAULT_PROFILE;
    const routing = await resolveRouting(deps, { lat: d.center.lat, lng: d.center.lng });
    if (!routing || routing.district.code !== d.code) continue;
    const n = profile.volume * MONTHS;
    for (let i = 0; i < n; i++) {
      let at = start + rnd() * (end - start);
      const category = categories[Math.floor(rnd() * rnd() * categories.length)]!; // a few categories dominate
      const doc = buildNewTicket({
        ticketId: new Types.ObjectId().toHexString(),
        now: new Date(at),
        citizenId,
        category: { code: category.code, name: category.name, slaHours: category.slaHours },
        point: { lat: d.center.lat + (rnd() - 0.5) * 0.01, lng: d.center.lng + (rnd() - 0.5) * 0.01 },
        routing: { district: routing.district, zone: null, department: routing.department, ruleId: routing.ruleId, reason: routing.reason },
        description: `【演示】${category.name}：历史案卷（考核演示数据）`,
        photoIds: [],
        anonymous: true,
        actor: citizenActor(citizenId),
        outbox: [],
      });
      let t = { ...doc, trackingNo: formatTrackingNo(new Date(at), SEQ_BASE + seq++) } as TicketRecord;
      const step = (p: StaffPrincipal, req: Partial<TransitionRequest> & { action: TransitionRequest['action'] }, to: TicketRecord['status'], targets: StaffChangeTargets = {}) => {
        const when = new Date(at);
        const { change } = buildStaffChange({ now: () => when }, p, t, req as never, to, when, targets);
        t = applyChangeToRecord(t, change as RecordChange, when);
      };
      const advance = (hours: number) => {
        at = Math.min(at + hours * H, now.getTime() - 21 * DAY);
      };
      advance(0.3 + rnd() * 3);
      if (rnd() < 0.04) {
        step(dispatcher, { action: 'reject', reason: '经核实不属于城管职责范围（演示）' }, 'rejected');
        tickets.push(t);
        continue;
      }
      step(dispatcher, { action: 'accept' }, 'accepted');
      const dept = depts[Math.floor(rnd() * depts.length)]!;
      const handler = staff('000000000000000000000002', dept.name, ['handler'], [String(dept._id)]);
      advance(0.2 + rnd() * 2);
      step(dispatcher, { action: 'dispatch', departmentId: String(dept._id) }, 'dispatched', { department: { id: String(dept._id), name: dept.name } });
      if (rnd() < 0.04) {
        // 督办 by a leader, with a deadline a few days out
        advance(1 + rnd() * 6);
        const when = new Date(at);
        const deadline = new Date(at + (2 + rnd() * 4) * DAY);
        t = applyChangeToRecord(t, { to: t.status, set: { supervision: { at: when, deadline, note: '【演示】请加快处置', byId: leader.userId, byName: leader.displayName } }, timeline: [{ type: 'supervised', at: when, actor: { kind: 'staff', id: leader.userId, name: leader.displayName, label: '局领导' }, note: '【演示】请加快处置', deadline }] }, when);
      }
      if (rnd() < profile.extension && t.dueAt.getTime() > at + H) {
        // 延期: the department asks for a few more working days; the centre approves most and refuses some
        advance(0.5 + rnd() * 4);
        const ext = (p: StaffPrincipal, req: Partial<TransitionRequest> & { action: TransitionRequest['action'] }) => {
          const when = new Date(at);
          const x = buildExtensionStep({ now: () => when }, p, t, req as TransitionRequest, when);
          t = applyChangeToRecord(t, { to: t.status, set: x.set, timeline: [x.entry] }, when);
        };
        ext(handler, { action: 'request_extension', reason: '【演示】需协调产权单位共同处置', extraWorkingDays: 1 + Math.floor(rnd() * 4) });
        advance(0.5 + rnd() * 3);
        if (rnd() < 0.7) ext(dispatcher, { action: 'approve_extension', note: '【演示】同意延期' });
        else ext(dispatcher, { action: 'refuse_extension', reason: '【演示】时限充足，请按期完成' });
      }
      if (rnd() < profile.stuck) {
        tickets.push(t);
        continue;
      }
      const resolve = () => {
        const window = Math.max(0.5, (t.dueAt.getTime() - at) / H);
        advance(rnd() < profile.onTime ? window * (0.1 + rnd() * 0.8) : window * (1.1 + rnd() * 2));
        step(handler, { action: 'resolve', reply: '已安排人员到现场处置完毕（演示）' }, 'resolved');
      };
      resolve();
      if (rnd() < profile.rework) {
        advance(1 + rnd() * 10);
        step(dispatcher, { action: 'rework', reason: '现场核查未整改到位（演示）' }, 'dispatched');
        resolve();
      }
      advance(0.5 + rnd() * 12);
      step(dispatcher, { action: 'verify' }, 'closed');
      if (rnd() < 0.45) {
        advance(1 + rnd() * 48);
        const r = rnd();
        const satisfaction: Satisfaction = r < profile.dissatisfied ? 'dissatisfied' : r < 0.5 ? SATISFACTION_LEVELS[1] : 'satisfied';
        const when = new Date(at);
        const change = ratingChange({ now: () => when } as never, t, citizenId, { satisfaction }, when);
        if (change) {
          t = applyChangeToRecord(t, change as RecordChange, when);
          if (t.status === 'dispatched') {
            resolve();
            advance(0.5 + rnd() * 12);
            step(dispatcher, { action: 'verify' }, 'closed');
          }
        }
      }
      tickets.push(t);
    }
  }
  for (let i = 0; i < tickets.length; i += 500) {
    const part = tickets.slice(i, i + 500);
    await models.Ticket.collection.insertMany(part as never[]);
    await writeTicketProjectionsBulk(deps, part, now);
  }
  await models.SeedStamp.updateOne({ _id: 'demo-history' }, { $set: { version: 'demo-history-2', count: tickets.length } }, { upsert: true });
  // the day/month rows: recounted now in the background (a dashboard read settles what it reads anyway)
  const drained = drainStats(deps).then(
    (rows) => log(`[demo] 考核演示数据：${tickets.length} 件历史案卷，${rows} 个统计行`),
    (err: unknown) => log(`[demo] statistics drain failed: ${String(err)}`),
  );
  if (opts.waitForRows) await drained;
  return tickets.length;
}
