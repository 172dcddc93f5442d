/**
 * Seeds the 信访 cases: the document register.ts writes (encrypted ID number, blind index, mask, matter
 * text, repeat links found by the server's own findRepeats, deadlines by scheduleOf), numbered by the
 * server's sequence, then moved along by the same pure action builder the office's actions use
 * (complaintChange, which applies the 条例's deadlines and windows), with ~3% of the tickets linked the way
 * links.ts links them. Inserted in bulk.
 */
import { Types } from 'mongoose';
import { idCheckChar, maskIdNumber } from '@cgt/shared/complaint/id-number';
import type { ComplaintAction, ComplaintChannel, ComplaintType } from '@cgt/shared/complaint/machine';
import { encryptPii, piiIndex, piiKeyringFor } from '../../../server/src/domain/complaints/pii.js';
import { piiIndexKey } from '../../../server/src/services/pii-keys.js';
import { findRepeats, matterText } from '../../../server/src/domain/complaints/repeat.js';
import { complaintChange } from '../../../server/src/commands/complaints/actions.js';
import { citizenComplaintActor, scheduleOf, staffComplaintActor } from '../../../server/src/commands/complaints/common.js';
import type { ComplaintActor, ComplaintRecord } from '../../../server/src/models/complaint.js';
import type { SeedEnv } from './open-db.js';
import type { TicketRef } from './seed-tickets.js';
import { caseNumberer, drawAll } from './sequences.js';
import { DISTRICT_POPULATION, weightedPicker } from './population.js';

const DAY = 86_400_000;
const MATTERS: readonly [request: string, content: string][] = [
  ['取缔楼下占道经营的夜宵摊', '小区门口夜宵摊长期占道经营，油烟和噪音扰民，多次投诉未解决。'],
  ['清理小区周边的建筑垃圾', '小区东侧空地长期堆放建筑垃圾，夏天蚊蝇滋生。'],
  ['制止工地夜间施工', '附近工地每晚十一点后仍在施工，噪音严重影响休息。'],
  ['修复人行道破损路面', '学校门口人行道破损多年，雨天积水，学生上学不便。'],
  ['规范共享单车停放', '地铁口共享单车堆放占满人行道，行人无法通行。'],
  ['拆除违规户外广告牌', '商铺违规设置的大型广告牌存在坠落隐患。'],
  ['对执法人员的执法方式提出意见', '执法人员在查处占道经营时态度粗暴，要求调查处理。'],
  ['赔偿被暂扣的经营物品', '经营物品被暂扣后一直未退还，要求依法处理并赔偿。'],
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';

export interface ComplaintSeedResult {
  count: number;
  seconds: number;
  numbering: string;
  states: Record<string, number>;
  repeats: number;
  linkedTickets: number;
  sample: string[];
  /** whether the derived rows were written by commands/complaints/projections.ts */
  projections: boolean;
}

function idNumber(region: string, rnd: () => number): string {
  const birth = new Date(Date.UTC(1950 + Math.floor(rnd() * 52), Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28)));
  const first17 = region + birth.toISOString().slice(0, 10).replace(/-/g, '') + String(Math.floor(rnd() * 1000)).padStart(3, '0');
  return first17 + idCheckChar(first17);
}

export async function seedComplaints(env: SeedEnv, count: number, from: Date, now: Date, linkable: TicketRef[], citizenIds: string[], rnd: () => number): Promise<ComplaintSeedResult> {
  const started = performance.now();
  const { deps } = env;
  const officer = env.staff.get('xinfang');
  if (!officer) throw new Error('demo staff missing: xinfang');
  const office = staffComplaintActor(officer);
  const keys = piiKeyringFor(deps.config).current;
  const indexKey = await piiIndexKey(deps);
  const districts = await deps.models.District.find({ kind: 'district' }, { code: 1, name: 1 }).lean();
  const pickDistrict = weightedPicker(districts, (d) => DISTRICT_POPULATION[d.code] ?? 0);
  const byCode = new Map(districts.map((d) => [d.code, d]));

  // registration times: cases about a linked ticket come a few days after it, the rest spread over the period
  const span = now.getTime() - from.getTime();
  const anchors = linkable.slice(0, count);
  const plans = Array.from({ length: count }, (_, i) => {
    const t = anchors[i];
    const at = t ? Math.min(t.createdAt.getTime() + (1 + rnd() * 20) * DAY, now.getTime() - 3600_000) : from.getTime() + rnd() * span;
    return { at: new Date(at), tickets: t ? [t] : [] };
  });
  // links beyond one per case (large N) go to the earlier anchored cases, at most 20 per case
  for (let i = count, j = 0; i < linkable.length && anchors.length > 0; i++, j++) {
    const plan = plans[j % anchors.length]!;
    if (plan.tickets.length < 20 && linkable[i]!.createdAt < plan.at) plan.tickets.push(linkable[i]!);
  }
  plans.sort((a, b) => a.at.getTime() - b.at.getTime());
  const { next, source } = await caseNumberer(deps.models);
  const caseNos = await drawAll(next, plans.map((p) => p.at));

  const res: ComplaintSeedResult = { count: 0, seconds: 0, numbering: source, states: {}, repeats: 0, linkedTickets: 0, sample: [], projections: !!(await complaintProjections()) };
  const earlier: ComplaintRecord[] = [];
  /** the plain ID number of each case, only to restate it (never stored: the documents hold it encrypted) */
  const plainId = new Map<ComplaintRecord, string>();
  let batch: ComplaintRecord[] = [];
  for (const [i, plan] of plans.entries()) {
    const at = plan.at;
    const channel: ComplaintChannel = (['online', 'online', 'letter', 'visit', 'visit', 'phone', 'hotline_12345', 'hotline_12345'] as const)[Math.floor(rnd() * 8)]!;
    const district = plan.tickets[0] ? byCode.get(plan.tickets[0].districtCode)! : pickDistrict(rnd());
    // ~12% restate an earlier case of the same petitioner (重复信访)
    const prior = earlier.length > 0 && rnd() < 0.12 ? earlier[Math.floor(rnd() * earlier.length)]! : null;
    const idNo = prior ? plainId.get(prior)! : idNumber(district.code, rnd);
    const [request, content] = prior ? [prior.request, `再次反映：${prior.content}`] : MATTERS[Math.floor(rnd() * MATTERS.length)]!;
    const citizenId = channel === 'online' ? (prior?.citizenId ?? citizenIds[Math.floor(rnd() * citizenIds.length)]!) : null;
    const actor: ComplaintActor = citizenId ? citizenComplaintActor(citizenId) : office;
    const idNumberHash = piiIndex(indexKey, idNo);
    const matter = matterText(request, content);
    const repeats = findRepeats(
      { citizenId, idNumberHash, matterText: matter },
      earlier
        .filter((c) => c.petitioner.idNumberHash === idNumberHash || (citizenId && c.citizenId === citizenId))
        .map((c) => ({ id: String(c._id), caseNo: c.caseNo, citizenId: c.citizenId, idNumberHash: c.petitioner.idNumberHash, matterText: c.matterText, registeredAt: c.registeredAt })),
    );
    const name = (prior?.petitioner.name ?? SURNAMES[Math.floor(rnd() * SURNAMES.length)]! + GIVEN[Math.floor(rnd() * GIVEN.length)]! + GIVEN[Math.floor(rnd() * GIVEN.length)]!) as string;
    let c: ComplaintRecord = {
      _id: new Types.ObjectId(),
      caseNo: caseNos[i]!,
      status: 'registered',
      version: 0,
      channel,
      type: (rnd() < 0.7 ? 'appeal' : rnd() < 0.5 ? 'accusation' : 'suggestion') as ComplaintType,
      citizenId,
      registeredBy: actor,
      petitioner: {
        name,
        phone: `1${3 + Math.floor(rnd() * 7)}${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`,
        address: `${district.name}某某小区${1 + Math.floor(rnd() * 30)}栋`,
        idNumberEnc: encryptPii(keys, idNo),
        idNumberHash,
        idNumberMasked: maskIdNumber(idNo),
      },
      piiKid: keys.kid,
      content,
      request,
      attachmentIds: [],
      districtCode: district.code,
      districtName: district.name,
      registeredAt: at,
      acceptedAt: null, concludedAt: null, reviewRequestedAt: null, reviewConcludedAt: null, recheckRequestedAt: null, finalAt: null, extension: null,
      ...scheduleOf('registered', { registeredAt: at, acceptedAt: null, concludedAt: null, reviewRequestedAt: null, reviewConcludedAt: null, recheckRequestedAt: null, extension: null }),
      replies: [], ratings: [], linkedTickets: [], linkedTicketIds: [],
      repeatOf: repeats.map((r) => ({ id: r.id, caseNo: r.caseNo })),
      repeatOfIds: repeats.map((r) => r.id),
      isRepeat: repeats.length > 0,
      matterText: matter,
      timeline: [{ type: 'registered', at, actor, toStatus: 'registered' }],
      createdAt: at,
      updatedAt: at,
    } as ComplaintRecord;
    for (const t of plan.tickets) {
      c = push(c, { linkedTickets: { id: t.id, trackingNo: t.trackingNo, linkedAt: at }, linkedTicketIds: t.id, timeline: { type: 'ticket_linked', at, actor: office, ticketId: t.id, trackingNo: t.trackingNo } }, at);
    }
    c = caseLife(c, office, env.staffing.departmentsOf(district.code), now, rnd);
    plainId.set(c, idNo);
    earlier.push(c);
    batch.push(c);
    res.count++;
    res.states[c.status] = (res.states[c.status] ?? 0) + 1;
    if (c.isRepeat) res.repeats++;
    res.linkedTickets += c.linkedTicketIds.length;
    if (res.sample.length < 500 || rnd() < 0.05) res.sample[res.sample.length < 500 ? res.sample.length : Math.floor(rnd() * 500)] = String(c._id);
    if (batch.length >= 1000) batch = await insert(env, batch);
  }
  await insert(env, batch);
  res.seconds = (performance.now() - started) / 1000;
  return res;
}

type BulkWriter = (deps: SeedEnv['deps'], complaints: readonly ComplaintRecord[]) => Promise<void>;
let projections: Promise<BulkWriter | null> | null = null;

/**
 * The lead's bulk writer of the cases' derived rows (commands/complaints/projections.ts), when the
 * checkout has it; imported by a computed path so this file type-checks before it lands.
 */
function complaintProjections(): Promise<BulkWriter | null> {
  const file = '../../../server/src/commands/complaints/projections.js';
  projections ??= import(file).then((m: { writeComplaintProjectionsBulk?: BulkWriter }) => m.writeComplaintProjectionsBulk ?? null, () => null);
  return projections;
}

async function insert(env: SeedEnv, batch: ComplaintRecord[]): Promise<ComplaintRecord[]> {
  if (batch.length === 0) return [];
  await env.deps.models.Complaint.insertMany(batch, { ordered: false });
  await (await complaintProjections())?.(env.deps, batch);
  return [];
}

/** What writeComplaint's update does to the stored case ($set, $push of single values, version, updatedAt). */
function push(c: ComplaintRecord, values: Record<string, unknown>, at: Date, set: Record<string, unknown> = {}): ComplaintRecord {
  const out = { ...c, ...set, version: c.version + 1, updatedAt: at } as ComplaintRecord & Record<string, unknown>;
  for (const [k, v] of Object.entries(values)) out[k] = [...((c as unknown as Record<string, unknown[]>)[k] ?? []), v];
  return out;
}

/** Steps a case takes, each after the previous one, stopping at the first that would lie beyond `now`. */
function caseLife(c: ComplaintRecord, office: ComplaintActor, depts: { id: string; name: string }[], now: Date, rnd: () => number): ComplaintRecord {
  let clock = c.registeredAt.getTime();
  const step = (action: ComplaintAction, days: number, payload: Record<string, unknown> = {}): boolean => {
    const at = clock + days * DAY;
    if (at >= now.getTime()) return false;
    clock = at;
    const dept = action === 'assign' ? depts[Math.floor(rnd() * depts.length)] : undefined;
    if (action === 'assign' && !dept) return false;
    const { update } = complaintChange(c, action, payload as never, office, new Date(at), dept);
    c = push(c, update.$push, new Date(at), update.$set);
    return true;
  };
  const reply = { reply: '经调查核实，已责成属地中队整改，现答复如下。', decision: rnd() < 0.5 ? 'support' : 'explain', basis: '《信访工作条例》第三十二条' };
  const u = rnd();
  if (u < 0.07) {
    step('not_accept', 1 + rnd() * 10, { reason: '不属于本机关职责', redirectTo: '市住房和城乡建设局' });
    return c;
  }
  if (u < 0.14) {
    step('transfer', 1 + rnd() * 10, { transferTo: '岳阳市12345热线' });
    return c;
  }
  // ~8% are accepted late (past the 15 days): the 积案 list has something to show
  if (!step('accept', rnd() < 0.08 ? 16 + rnd() * 10 : 1 + rnd() * 12)) return c;
  if (!step('assign', 0.5 + rnd() * 4, { departmentId: 'x' })) return c;
  if (rnd() < 0.05 && !step('extend', 20 + rnd() * 20, { days: 30, reason: '案情复杂，需进一步调查' })) return c;
  if (!step('conclude', 5 + rnd() * 50, reply)) return c;
  if (rnd() > 0.08 || !step('request_review', 2 + rnd() * 25, { reason: '对处理意见不服' })) return c;
  if (!step('conclude_review', 5 + rnd() * 23, reply)) return c;
  if (rnd() > 0.2 || !step('request_recheck', 2 + rnd() * 25, { reason: '对复查意见不服' })) return c;
  step('conclude_recheck', 5 + rnd() * 23, reply);
  return c;
}
