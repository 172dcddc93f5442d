import sharp from 'sharp';
import { CATEGORIES } from '@cgt/shared/categories/seed';
import type { AppDeps } from '../deps.js';
import type { StaffPrincipal, StaffRole } from '../http/auth.js';
import { createReport } from '../commands/tickets/create-report.js';
import { staffTransition } from '../commands/tickets/staff-transition.js';
import { extensionAction } from '../commands/tickets/extension.js';
import { AppError } from '../http/errors.js';
import { slaHoursBetween } from '@cgt/shared/calendar/working-time';
import { hoursPerDay } from '@cgt/shared/ticket/extension';
import type { TransitionRequest } from '@cgt/shared/schemas/tickets';
import { processImage } from '../domain/images/process.js';
import { mulberry32 } from '../domain/poi/prng.js';
import { saveUpload } from '../commands/uploads/save-upload.js';
import { resolveRouting } from '../services/routing.js';

/** Deterministic PRNG (mulberry32): the same demo set on every machine. */
const prng = mulberry32;

const DESCRIPTIONS: Record<string, string> = {
  '06010': '路边有一堆生活垃圾无人清理，已经有异味了。',
  '09001': '人行道上有流动摊贩占道经营，行人只能走机动车道。',
  '06013': '路面有一处坑洼，下雨后积水，电动车容易摔倒。',
  '01037': '这一段路灯晚上一直不亮，走夜路很不安全。',
  '08004': '工地出入口没有冲洗车辆，路面全是泥土，扬尘很大。',
  '07003': '电线杆和墙面上贴满了小广告。',
  '90001': '下雨后路口渍水很深，车辆通行困难。',
};

/** Where each demo ticket should end up in the closed loop. */
const TARGETS = ['submitted', 'submitted', 'accepted', 'dispatched', 'dispatched', 'resolved', 'closed', 'closed', 'rejected'] as const;
type Target = (typeof TARGETS)[number];
const PATHS: Record<Target, ('accept' | 'dispatch' | 'resolve' | 'verify' | 'reject')[]> = {
  submitted: [],
  accepted: ['accept'],
  dispatched: ['accept', 'dispatch'],
  resolved: ['accept', 'dispatch', 'resolve'],
  closed: ['accept', 'dispatch', 'resolve', 'verify'],
  rejected: ['reject'],
};

async function demoPhoto(deps: AppDeps, citizenId: string, rnd: () => number) {
  const hue = Math.floor(rnd() * 360);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="960" height="720"><rect width="960" height="720" fill="hsl(${hue},35%,62%)"/>
<rect x="80" y="420" width="800" height="220" fill="hsl(${(hue + 40) % 360},20%,40%)"/><circle cx="${200 + rnd() * 560}" cy="250" r="90" fill="hsl(${(hue + 180) % 360},45%,55%)"/></svg>`;
  const image = await processImage(await sharp(Buffer.from(svg)).jpeg().toBuffer());
  const saved = await saveUpload(deps, { kind: 'citizen', id: citizenId }, image);
  return String(saved._id);
}

function staff(id: string, displayName: string, roles: StaffRole[], departmentIds: string[] = []): StaffPrincipal {
  return { kind: 'staff', userId: id, username: displayName, displayName, roles, districtCodes: [], departmentIds };
}

/**
 * Demo tickets for `npm start` (DEMO_DATA=1): ~36 reports spread over the three urban districts and the last
 * three weeks, driven through the real commands into every state, so the console's tabs, SLA clocks and the
 * resident's timeline have something to show. Runs once (stamped).
 */
export async function ensureDemoTickets(deps: AppDeps, count = 36): Promise<number> {
  const { models } = deps;
  if (await models.SeedStamp.exists({ _id: 'demo-tickets' })) return 0;
  // "any ticket at all?": a one-document read on the driver, not estimatedDocumentCount() (FerretDB
  // answers a count by decoding every document: minutes at 200,000 tickets). Not a list, so it goes
  // around the index-plan guard's recorder, which wants an equality on every tickets query.
  if (await models.Ticket.db.db!.collection('tickets').findOne({}, { projection: { _id: 1 } })) return 0;
  const rnd = prng(20261127);
  const citizens = await Promise.all(
    ['张女士', '李先生', '王师傅'].map(async (nickname, i) => {
      const openid = `demo:示例市民${i + 1}`;
      const c = await models.Citizen.findOneAndUpdate({ openid }, { $setOnInsert: { openid, source: 'demo', nickname } }, { upsert: true, returnDocument: 'after' });
      return String(c._id);
    }),
  );
  const dispatcher = staff('000000000000000000000001', '市指挥中心·值班调度员（示例）', ['dispatcher']);
  const districts = (await models.District.find({ code: { $in: ['430602', '430603', '430611'] } }).lean()).sort((a, b) => a.code.localeCompare(b.code));
  const categories = CATEGORIES.filter((c) => DESCRIPTIONS[c.code]);
  const realNow = deps.now();
  let created = 0;
  let dispatchedSoFar = 0;
  for (let i = 0; i < count; i++) {
    const district = districts[i % districts.length]!;
    const category = categories[Math.floor(rnd() * categories.length)]!;
    let point = { lat: district.center!.lat!, lng: district.center!.lng! };
    for (let attempt = 0; attempt < 20; attempt++) {
      const candidate = { lat: point.lat + (rnd() - 0.5) * 0.03, lng: point.lng + (rnd() - 0.5) * 0.03 };
      const r = await resolveRouting(deps, candidate, category.code);
      if (r?.district.code === district.code) {
        point = candidate;
        break;
      }
    }
    const at = new Date(realNow.getTime() - Math.floor(rnd() * 21 * 24 + 2) * 3600_000);
    let clock = at.getTime();
    const timed: AppDeps = { ...deps, now: () => new Date(clock) };
    const citizenId = citizens[i % citizens.length]!;
    const photoId = await demoPhoto(timed, citizenId, rnd);
    const res = await createReport(timed, citizenId, `demo-ticket-${i}`, {
      categoryCode: category.code,
      description: DESCRIPTIONS[category.code]!,
      location: { ...point, coordSys: 'gcj02' },
      photoIds: [photoId],
      anonymous: i % 5 === 0,
      contactPhone: i % 5 === 0 ? undefined : `1380731${String(1000 + i).slice(-4)}`,
    });
    const target = TARGETS[i % TARGETS.length]!;
    for (const action of PATHS[target]) {
      clock = Math.min(clock + (1 + rnd() * 20) * 3600_000, realNow.getTime());
      const ticket = await models.Ticket.findById(res.ticket._id).lean();
      if (!ticket) break;
      const deptId = ticket.routing?.departmentId ?? ticket.assignedDepartmentId;
      if (action === 'dispatch' && !deptId) break;
      const actor = action === 'resolve' ? staff('000000000000000000000002', ticket.routing?.departmentName ?? '处置单位', ['handler'], [String(deptId)]) : dispatcher;
      await staffTransition(timed, actor, String(res.ticket._id), {
        action,
        departmentId: action === 'dispatch' ? String(deptId) : undefined,
        reply: action === 'resolve' ? '已安排人员到现场处置完毕，感谢您的反映。' : undefined,
        reason: action === 'reject' ? '经核实不属于城管职责范围，已告知市民向相关部门反映。' : undefined,
      }, '127.0.0.1');
    }
    if (target === 'dispatched') await demoExtensionOrSkip(timed, dispatcher, String(res.ticket._id), dispatchedSoFar++, () => (clock = Math.min(clock + (1 + rnd() * 6) * 3600_000, realNow.getTime())));
    created++;
  }
  await models.SeedStamp.updateOne({ _id: 'demo-tickets' }, { $set: { version: 'demo-2', count: created } }, { upsert: true });
  return created;
}

/**
 * 延期 on some of the tickets left 处置中, through the real command: one waits for the centre, one is
 * approved, one refused (the fourth has none), so the ticket page and the 延期 numbers have something to show.
 */
async function demoExtensionOrSkip(...args: Parameters<typeof demoExtension>): Promise<void> {
  try {
    await demoExtension(...args);
  } catch (err) {
    // a refusal by the command (e.g. the ticket moved on) only means this demo ticket has no 延期
    if (!(err instanceof AppError)) throw err;
  }
}

async function demoExtension(deps: AppDeps, dispatcher: StaffPrincipal, id: string, k: number, tick: () => void): Promise<void> {
  const outcome = (['pending', 'approve_extension', 'refuse_extension', null] as const)[k % 4];
  if (!outcome) return;
  tick();
  const ticket = await deps.models.Ticket.findById(id).lean();
  if (!ticket?.assignedDepartmentId || ticket.status !== 'dispatched') return;
  const handler = staff('000000000000000000000002', ticket.routing?.departmentName ?? '处置单位', ['handler'], [ticket.assignedDepartmentId]);
  // enough working days to put the deadline past now (a demo ticket may already be overdue)
  const clock = ticket.slaClock ?? 'working';
  const behind = Math.max(0, slaHoursBetween(ticket.dueAt, deps.now(), clock));
  const days = Math.ceil(behind / hoursPerDay(clock)) + 2;
  if (days > 30) return;
  const ask = { action: 'request_extension', reason: '【演示】涉及多个产权单位，需协调后统一处置', extraWorkingDays: days } as TransitionRequest;
  await extensionAction(deps, handler, id, ask, '127.0.0.1');
  if (outcome === 'pending') return;
  tick();
  const decision = outcome === 'approve_extension' ? { action: outcome, note: '【演示】同意延期' } : { action: outcome, reason: '【演示】时限充足，请按期完成' };
  await extensionAction(deps, dispatcher, id, decision as TransitionRequest, '127.0.0.1');
}
