/**
 * A seeded ticket's life: the transitions staff and resident made, each authorised by the server's
 * policy (policies/tickets.ts), built by the live commands' pure builders (staff-change.ts,
 * citizen-actions.ts ratingChange) and applied to the plain record the way the versioned update applies
 * them (build-ticket.ts). Only the clock is ours: every step happens before `now`.
 */
import type { StateTransitionRequest as TransitionRequest } from '@cgt/shared/schemas/tickets';
import type { Satisfaction } from '@cgt/shared/ticket/rating';
import type { AppDeps } from '../../../server/src/deps.js';
import type { StaffPrincipal } from '../../../server/src/http/auth.js';
import type { TicketRecord } from '../../../server/src/models/ticket.js';
import { authorizeStaffAction } from '../../../server/src/policies/tickets.js';
import { applyChangeToRecord, type RecordChange } from '../../../server/src/domain/tickets/build-ticket.js';
import { buildStaffChange, type StaffChangeTargets } from '../../../server/src/commands/tickets/staff-change.js';
import { ratingChange } from '../../../server/src/commands/tickets/citizen-actions.js';
import { REJECT_REASONS, REPLIES } from './population.js';

export type Target = 'submitted' | 'accepted' | 'dispatched' | 'resolved' | 'closed' | 'rejected';
const H = 3600_000;

export interface Staffing {
  /** who accepts, dispatches and verifies in a district (its sub-centre's dispatcher, else the city's) */
  dispatcherFor(districtCode: string): StaffPrincipal;
  /** a handler of the department (the demo account where there is one) */
  handlerFor(dept: { id: string; name: string }): StaffPrincipal;
  /** departments that may be dispatched to for this district / zone code */
  departmentsOf(code: string): { id: string; name: string }[];
}

export interface LifeOptions {
  target: Target;
  /** one 返工 (dispatcher sends the resolution back) on the way */
  rework: boolean;
  /** the handler returns it once (回退) and it is dispatched again */
  returned: boolean;
  /** the resident rates once it is closed */
  rating: Satisfaction | null;
  /** handled late: resolution after the SLA deadline */
  late: boolean;
}

export interface LifeResult {
  ticket: TicketRecord;
  /** staff after-photos to create as uploads: [uploadId, ownerId, at] */
  afterPhotos: { id: string; ownerId: string; at: Date }[];
  reopened: boolean;
}

/**
 * Drives `t` (just filed) to `o.target`. `newUploadId` names after-photos; the caller creates them.
 */
export function liveTicket(deps: AppDeps, t0: TicketRecord, o: LifeOptions, staff: Staffing, now: Date, rnd: () => number, newUploadId: () => string): LifeResult {
  let t = t0;
  let clock = t.createdAt.getTime();
  const end = now.getTime() - 60_000;
  // steps never reach `now`: a step that would passes half of the remaining time instead
  const advance = (hours: number) => {
    clock = Math.min(clock + hours * H, clock + (end - clock) / 2);
    return new Date(clock);
  };
  const afterPhotos: LifeResult['afterPhotos'] = [];
  const timed = (at: Date): AppDeps => ({ ...deps, now: () => at });
  const district = t.routing.districtCode;

  const staffStep = (p: StaffPrincipal, req: TransitionRequest, targets: StaffChangeTargets, at: Date) => {
    const to = authorizeStaffAction(p, t, req.action); // throws exactly where the live route would refuse
    const { change } = buildStaffChange(timed(at), p, t, req, to, at, targets);
    t = applyChangeToRecord(t, change as RecordChange, at);
  };
  const dispatcher = staff.dispatcherFor(district);
  const chooseDept = () => {
    const suggested = t.routing.departmentId ? { id: t.routing.departmentId, name: t.routing.departmentName ?? '' } : null;
    const all = staff.departmentsOf(t.routing.zoneCode ?? district);
    if (suggested && (rnd() < 0.9 || all.length === 0)) return suggested;
    return all[Math.floor(rnd() * all.length)] ?? suggested;
  };
  const dispatch = (hours: number) => {
    const dept = chooseDept();
    if (!dept) return false; // no department for the area: stays with the dispatch centre
    staffStep(dispatcher, { action: 'dispatch', departmentId: dept.id }, { department: dept }, advance(hours));
    return true;
  };
  const resolve = (late: boolean) => {
    const dept = { id: t.assignedDepartmentId!, name: t.routing.departmentName ?? '处置单位' };
    const handler = staff.handlerFor(dept);
    // on time: somewhere inside the remaining SLA window; late: up to three times past it
    const window = Math.max(0.5, (t.dueAt.getTime() - clock) / H);
    const at = advance(late ? window * (1.05 + rnd() * 2) : window * (0.1 + rnd() * 0.85));
    const photo = { id: newUploadId(), ownerId: handler.userId, at };
    afterPhotos.push(photo);
    staffStep(handler, { action: 'resolve', reply: REPLIES[Math.floor(rnd() * REPLIES.length)]!, photoIds: [photo.id] }, {}, at);
  };

  if (o.target === 'submitted') return finish(t, afterPhotos, false, now);
  if (o.target === 'rejected') {
    staffStep(dispatcher, { action: 'reject', reason: REJECT_REASONS[Math.floor(rnd() * REJECT_REASONS.length)]! }, {}, advance(0.3 + rnd() * 6));
    return finish(t, afterPhotos, false, now);
  }
  staffStep(dispatcher, { action: 'accept' }, {}, advance(0.1 + rnd() * 4));
  if (o.target === 'accepted' || !dispatch(0.05 + rnd() * 2)) return finish(t, afterPhotos, false, now);
  if (o.returned) {
    const handler = staff.handlerFor({ id: t.assignedDepartmentId!, name: t.routing.departmentName ?? '' });
    staffStep(handler, { action: 'return', reason: '不属于本单位职责，请重新派遣' }, {}, advance(0.5 + rnd() * 8));
    if (!dispatch(0.1 + rnd() * 2)) return finish(t, afterPhotos, false, now);
  }
  if (o.rework && o.target !== 'dispatched') {
    resolve(false);
    staffStep(dispatcher, { action: 'rework', reason: '现场核查未整改到位，请重新处置' }, {}, advance(0.5 + rnd() * 12));
  }
  if (o.target === 'dispatched') {
    if (o.rework) {
      resolve(false);
      staffStep(dispatcher, { action: 'rework', reason: '现场核查未整改到位，请重新处置' }, {}, advance(0.5 + rnd() * 12));
    }
    return finish(t, afterPhotos, false, now);
  }
  resolve(o.late);
  if (o.target === 'resolved') return finish(t, afterPhotos, false, now);
  staffStep(dispatcher, { action: 'verify' }, {}, advance(0.5 + rnd() * 24));
  let reopened = false;
  if (o.rating) {
    const at = advance(0.2 + rnd() * 72);
    const change = ratingChange(timed(at), t, t.reporter.citizenId, { satisfaction: o.rating }, at);
    if (change) {
      t = applyChangeToRecord(t, change as RecordChange, at);
      if (change.to === 'dispatched') {
        // 重办 within the window: handled again and closed again (the slot is free for a new rating)
        reopened = true;
        resolve(false);
        staffStep(dispatcher, { action: 'verify' }, {}, advance(0.5 + rnd() * 24));
      }
    }
  }
  return finish(t, afterPhotos, reopened, now);
}

/** A year of notifications was delivered long ago: only the last minutes' entries are still pending. */
function finish(t: TicketRecord, afterPhotos: LifeResult['afterPhotos'], reopened: boolean, now: Date): LifeResult {
  const cutoff = now.getTime() - 10 * 60_000;
  const outbox = t.outbox.map((e) => (e.createdAt.getTime() < cutoff ? { ...e, state: 'sent' as const, attempts: 1 } : e));
  return { ticket: { ...t, outbox }, afterPhotos, reopened };
}
