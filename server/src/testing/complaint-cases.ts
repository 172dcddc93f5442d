import { Types } from 'mongoose';
import { maskIdNumber } from '@cgt/shared/complaint/id-number';
import type { ComplaintAction } from '@cgt/shared/complaint/machine';
import type { ComplaintListQuery } from '@cgt/shared/schemas/complaints';
import { complaintChange } from '../commands/complaints/actions.js';
import { scheduleOf, staffComplaintActor } from '../commands/complaints/common.js';
import { writeComplaintProjectionsBulk } from '../commands/complaints/projections.js';
import { listSpec } from '../commands/complaints/list-plan.js';
import { sealIdNumber } from '../services/pii-keys.js';
import { matterText } from '../domain/complaints/repeat.js';
import type { StaffPrincipal } from '../http/auth.js';
import type { ComplaintRecord } from '../models/complaint.js';
import type { TestServer } from './harness.js';
import { ID_A, ID_B } from './complaints.js';

/**
 * Test fixtures for the 信访 read side (tests only): a few dozen cases over several months, districts,
 * channels and states, written in bulk like the scale benchmark writes them (the case, then its rows by
 * writeComplaintProjectionsBulk), and an oracle that answers a registry query from the cases themselves.
 */

const DAY = 86_400_000;
export const NAMES = ['王建国', '王芳', '李建华', '张国强'];
export const TICKET = 'ticket-read-side';
const DISTRICTS: (readonly [string, string] | null)[] = [['430602', '岳阳楼区'], ['430611', '君山区'], null];
const CHANNELS = ['online', 'letter', 'visit', 'phone'] as const;
const REPLY = { reply: '经调查已处理。', decision: 'support', basis: '《信访工作条例》第三十二条' };

/** Applies one action the way writeComplaint stores it ($set, $push of single values, version, updatedAt). */
function act(c: ComplaintRecord, action: ComplaintAction, at: Date, payload: Record<string, unknown>, dept?: { id: string; name: string }): ComplaintRecord {
  const { update } = complaintChange(c, action, payload as never, staffComplaintActor({ userId: 'u1', displayName: '信访员' } as StaffPrincipal), at, dept);
  const out = { ...c, ...update.$set, version: c.version + 1, updatedAt: at } as unknown as Record<string, unknown[]>;
  for (const [k, v] of Object.entries(update.$push)) out[k] = [...(out[k] ?? []), v];
  return out as unknown as ComplaintRecord;
}

/** `n` cases registered every 2.9 days from 2026-01-05, moved along by their index. */
export async function seedCases(t: TestServer, n: number, residents: string[]): Promise<ComplaintRecord[]> {
  const d = await t.deps.models.Department.findOne({ active: true }).lean();
  const dept = { id: String(d!._id), name: d!.name };
  const start = Date.parse('2026-01-05T02:00:00Z');
  const out: ComplaintRecord[] = [];
  for (let i = 0; i < n; i++) {
    const at = new Date(start + i * 2.9 * DAY);
    const district = DISTRICTS[i % 3];
    const channel = CHANNELS[i % 4]!;
    const idNo = i % 6 === 0 ? ID_A : ID_B;
    const request = `诉求${i}：清理第${i}号楼下的垃圾`;
    const prior = i % 7 === 0 && i > 0 ? out[i - 1]! : null;
    const sealed = await sealIdNumber(t.deps, idNo);
    let c = {
      _id: new Types.ObjectId(),
      caseNo: `YYXF2026-${String(900_000 + i).padStart(6, '0')}`,
      status: 'registered',
      version: 0,
      channel,
      type: i % 5 === 0 ? 'suggestion' : 'appeal',
      citizenId: channel === 'online' ? residents[i % residents.length]! : null,
      registeredBy: { kind: 'staff', id: 'u1', name: '信访员', label: '信访办' },
      petitioner: { name: NAMES[i % 4]!, phone: '13912345678', address: '某小区', idNumberEnc: sealed.idNumberEnc, idNumberHash: sealed.idNumberHash, idNumberMasked: maskIdNumber(idNo) },
      piiKid: sealed.piiKid,
      content: `第${i}号楼下垃圾堆放`,
      request,
      attachmentIds: [],
      ...(district ? { districtCode: district[0], districtName: district[1] } : {}),
      registeredAt: at,
      acceptedAt: null, concludedAt: null, reviewRequestedAt: null, reviewConcludedAt: null, recheckRequestedAt: null, finalAt: null, extension: null,
      ...scheduleOf('registered', { registeredAt: at, acceptedAt: null, concludedAt: null, reviewRequestedAt: null, reviewConcludedAt: null, recheckRequestedAt: null, extension: null }),
      replies: [], ratings: [], linkedTickets: [],
      linkedTicketIds: i % 10 === 3 ? [TICKET] : [],
      repeatOf: prior ? [{ id: String(prior._id), caseNo: prior.caseNo }] : [],
      repeatOfIds: prior ? [String(prior._id)] : [],
      isRepeat: !!prior,
      matterText: matterText(request, `第${i}号楼下垃圾堆放`),
      timeline: [],
      createdAt: at,
      updatedAt: at,
    } as unknown as ComplaintRecord;
    const step = (days: number) => new Date(at.getTime() + days * DAY);
    if (i % 4 === 1) c = act(c, 'accept', step(2), {});
    if (i % 8 === 1) c = act(c, 'assign', step(3), { departmentId: dept.id }, dept);
    if (i % 4 === 2) c = act(c, 'not_accept', step(1), { reason: '非本机关职责', redirectTo: '法院' });
    if (i % 4 === 3) {
      c = act(c, 'accept', step(1), {});
      c = act(c, 'assign', step(2), { departmentId: dept.id }, dept);
      c = act(c, 'conclude', step(9), REPLY);
    }
    out.push(c);
  }
  await t.deps.models.Complaint.collection.insertMany(out as never[]);
  await writeComplaintProjectionsBulk(t.deps, out);
  return out;
}

/** Every stored case, read through the driver (the oracle's truth; not a query of the server). */
export async function storedCases(t: TestServer): Promise<ComplaintRecord[]> {
  return (await t.deps.connection.db!.collection('complaints').find({}).toArray()) as unknown as ComplaintRecord[];
}

const cmp = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);

/** The ids a registry query must answer, in order: the same rules as before the read side, evaluated in code. */
export function expectedIds(cases: ComplaintRecord[], p: StaffPrincipal, q: ComplaintListQuery, now: Date, idNumberHash?: string): string[] {
  const spec = listSpec(p, q, now, { idNumberHash });
  if (!spec) return [];
  const e = spec.eq;
  const keep = cases.filter((c) => {
    const district = c.districtCode || '-';
    if (spec.scope && !spec.scope.includes(district)) return false;
    if (e.district !== undefined && district !== e.district) return false;
    if (e.status !== undefined && c.status !== e.status) return false;
    if (e.channel !== undefined && c.channel !== e.channel) return false;
    if (e.type !== undefined && c.type !== e.type) return false;
    if (e.isRepeat !== undefined && c.isRepeat !== e.isRepeat) return false;
    if (e.departmentId !== undefined && c.departmentId !== e.departmentId) return false;
    if (e.linkedTicketIds !== undefined && !c.linkedTicketIds.includes(e.linkedTicketIds as string)) return false;
    if (e.idNumberHash !== undefined && c.petitioner.idNumberHash !== e.idNumberHash) return false;
    if (e.caseNo !== undefined && c.caseNo !== e.caseNo) return false;
    if (q.q && e.caseNo === undefined && !c.petitioner.name.includes(q.q.trim())) return false;
    const due = c.officeDueAt ? new Date(c.officeDueAt).getTime() : null;
    if (spec.due) {
      if (due === null) return false;
      if (spec.due.lt && !(due < spec.due.lt.getTime())) return false;
      if (spec.due.gte && !(due >= spec.due.gte.getTime())) return false;
      if (spec.due.lte && !(due <= spec.due.lte.getTime())) return false;
    }
    if (spec.notOverdue && due !== null && due < now.getTime()) return false;
    return true;
  });
  const at = (c: ComplaintRecord) => new Date(c.registeredAt).getTime();
  const id = (c: ComplaintRecord) => String(c._id);
  keep.sort((a, b) => {
    if (spec.sort === 'desc') return cmp(at(b), at(a)) || cmp(id(b), id(a));
    if (spec.sort === 'asc') return cmp(at(a), at(b)) || cmp(id(a), id(b));
    const da = a.officeDueAt ? new Date(a.officeDueAt).getTime() : null;
    const db = b.officeDueAt ? new Date(b.officeDueAt).getTime() : null;
    if ((da === null) !== (db === null)) return da === null ? 1 : -1;
    return cmp(da ?? 0, db ?? 0) || cmp(at(a), at(b)) || cmp(id(a), id(b));
  });
  return keep.map(id);
}
