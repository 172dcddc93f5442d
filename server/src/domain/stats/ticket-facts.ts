import { workingHoursBetween } from '@cgt/shared/calendar/working-time';
import { isOpen, type TicketState } from '@cgt/shared/ticket/machine';
import { shanghaiDayOf } from '@cgt/shared/stats/period';
import type { StatCounter } from '@cgt/shared/stats/counters';
import { computeDueAt } from '../tickets/sla.js';
import type { TicketRecord } from '../../models/ticket.js';

/**
 * What one ticket contributes to the assessment statistics, derived from its own timeline only (so the
 * incremental writer and `npm run stats:rebuild` give the same facts). Pure.
 *
 * Attribution: every event counts on the Shanghai day it happened, in the district/zone the ticket was in
 * at that moment (a 移交 moves the later events) and, after dispatch, for the department it was dispatched
 * to. 按期 is judged against the dueAt in force at the event: the filing deadline, the new one a 重办
 * set, or the one an approved 延期 moved it to. "Still open" counters (超期未结, 超期待处置) are dated at the current deadline's day and vanish when
 * the ticket is closed/resolved (they are read only for days already past, see commands/stats/read-rows.ts).
 */

export interface FactEvent {
  k: StatCounter;
  at: Date;
}

export interface Fact {
  _id: string;
  src: string;
  day: string;
  month: string;
  bucket: string;
  deptBucket: string | null;
  district: string;
  zone: string | null;
  dept: string | null;
  cat: string;
  catName: string;
  c: Partial<Record<StatCounter, number>>;
  ref: string;
  ev: FactEvent[];
}

export interface Place {
  district: string;
  zone: string | null;
  dept: string | null;
}

/** Groups counter increments by (day, district, zone, department) into facts with deterministic ids. */
export class FactSink {
  private readonly facts = new Map<string, Fact>();
  constructor(
    private readonly src: string,
    private readonly ref: string,
    private readonly cat: string,
    private readonly catName: string,
  ) {}

  add(at: Date, place: Place, k: StatCounter, n = 1, event = true): void {
    const day = shanghaiDayOf(at);
    const id = `${this.src}|${day}|${place.district}|${place.zone ?? ''}|${place.dept ?? ''}`;
    let f = this.facts.get(id);
    if (!f) {
      f = {
        _id: id,
        src: this.src,
        day,
        month: day.slice(0, 7),
        bucket: `${day}|${place.district}`,
        deptBucket: place.dept ? `${day}|${place.dept}` : null,
        district: place.district,
        zone: place.zone,
        dept: place.dept,
        cat: this.cat,
        catName: this.catName,
        c: {},
        ref: this.ref,
        ev: [],
      };
      this.facts.set(id, f);
    }
    f.c[k] = round2((f.c[k] ?? 0) + n);
    if (event) f.ev.push({ k, at });
  }

  list(): Fact[] {
    return [...this.facts.values()];
  }
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Where the ticket was before its first 移交 (older entries lack fromDistrictCode: routing.movedBy then). */
function initialPlace(t: TicketRecord): Place {
  const transfers = t.timeline.filter((e) => e.type === 'transferred');
  const first = transfers[0];
  if (!first) return { district: t.routing.districtCode, zone: t.routing.zoneCode ?? null, dept: null };
  if (first.fromDistrictCode) return { district: first.fromDistrictCode, zone: first.fromZoneCode ?? null, dept: null };
  const moved = t.routing.movedBy;
  if (transfers.length === 1 && moved?.fromDistrictCode) return { district: moved.fromDistrictCode, zone: moved.fromZoneCode ?? null, dept: null };
  return { district: t.routing.districtCode, zone: t.routing.zoneCode ?? null, dept: null };
}

/**
 * The deadline each 重办 segment starts with: the filing one, then one per reopen; the last is t.dueAt — or,
 * when a 延期 was approved in that segment, the deadline the first approval replaced (the walk in
 * ticketFacts moves to each approved deadline from the approval on).
 */
function deadlines(t: TicketRecord): Date[] {
  const reopens = t.timeline.filter((e) => e.type === 'reopened');
  const lastStart = reopens.length ? reopens[reopens.length - 1]!.at.getTime() : -Infinity;
  const firstApproval = t.timeline.find((e) => e.type === 'extension_approved' && e.at.getTime() >= lastStart && e.fromDeadline);
  const last = firstApproval?.fromDeadline ?? t.dueAt;
  if (reopens.length === 0) return [last];
  const out = [computeDueAt(t.createdAt, t.slaHours, t.slaClock)];
  reopens.forEach((e, i) => out.push(i === reopens.length - 1 ? last : computeDueAt(e.at, t.slaHours, t.slaClock)));
  return out;
}

function reportSource(t: TicketRecord): StatCounter {
  if (t.source?.kind === 'open311') return 'reportedOpen311';
  // the intake desk (来电, 12345转办, 巡查, 来信, 其他): 工作人员录入
  if (t.source?.kind === 'staff') return 'reportedStaff';
  const created = t.timeline.find((e) => e.type === 'created');
  return created?.actor.kind === 'staff' ? 'reportedStaff' : 'reportedResident';
}

export function ticketFacts(t: TicketRecord): Fact[] {
  const id = String(t._id);
  const sink = new FactSink(`t:${id}`, id, t.categoryCode, t.categoryName);
  const place = initialPlace(t);
  const dues = deadlines(t);
  let segment = 0;
  let workStart: Date | null = null;
  let openSupervisions: Date[] = [];
  /** the deadline an approved 延期 set in the current segment (a 重办 starts a new deadline) */
  let extendedDue: Date | null = null;
  const due = () => extendedDue ?? dues[Math.min(segment, dues.length - 1)]!;
  const region = (): Place => ({ district: place.district, zone: place.zone, dept: null });
  const atDept = (): Place => ({ ...place });

  for (const e of t.timeline) {
    switch (e.type) {
      case 'created':
        sink.add(e.at, region(), 'reported');
        sink.add(e.at, region(), reportSource(t));
        break;
      case 'accepted':
        sink.add(e.at, region(), 'accepted');
        break;
      case 'rejected':
        sink.add(e.at, region(), 'rejected');
        if (e.duplicateOf) sink.add(e.at, region(), 'duplicates');
        break;
      case 'transferred':
        place.district = e.districtCode ?? place.district;
        place.zone = e.zoneCode ?? null;
        place.dept = null;
        workStart = null;
        // 移交 while 待受理 is the receiving district's 立案
        if (e.fromStatus === 'submitted') sink.add(e.at, region(), 'accepted');
        break;
      case 'dispatched':
        place.dept = e.departmentId ?? null;
        workStart = e.at;
        sink.add(e.at, atDept(), 'dispatched');
        break;
      case 'returned':
        sink.add(e.at, atDept(), 'returned');
        place.dept = null;
        workStart = null;
        break;
      case 'resolved': {
        const onTime = e.at.getTime() <= due().getTime();
        sink.add(e.at, atDept(), 'resolved');
        sink.add(e.at, atDept(), onTime ? 'resolvedOnTime' : 'resolvedLate');
        if (workStart) sink.add(e.at, atDept(), 'handlingHours', Math.max(0, workingHoursBetween(workStart, e.at)), false);
        workStart = null;
        break;
      }
      case 'verified': {
        sink.add(e.at, region(), 'closed');
        if (e.at.getTime() <= due().getTime()) sink.add(e.at, region(), 'closedOnTime');
        for (const deadline of openSupervisions) if (e.at.getTime() <= deadline.getTime()) sink.add(e.at, atDept(), 'supervisedClosedOnTime');
        openSupervisions = [];
        break;
      }
      case 'reworked':
        sink.add(e.at, atDept(), 'reworked');
        workStart = e.at;
        break;
      case 'reopened':
        sink.add(e.at, atDept(), 'reworked');
        sink.add(e.at, atDept(), 'reopened');
        segment++;
        extendedDue = null;
        workStart = e.at;
        break;
      case 'rated':
        // 默认满意 given by the auto-close job is not a resident's rating: counted apart, never in 满意率
        if (!e.satisfaction) break;
        if (e.actor.kind === 'system') {
          sink.add(e.at, atDept(), 'defaultSatisfied');
          break;
        }
        sink.add(e.at, atDept(), 'rated');
        sink.add(e.at, atDept(), e.satisfaction === 'satisfied' ? 'satisfied' : e.satisfaction === 'basically_satisfied' ? 'basicallySatisfied' : 'dissatisfied');
        break;
      case 'extension_approved':
        // counted once per approval, for the department that asked; later events are judged against it
        sink.add(e.at, atDept(), 'extended');
        if (e.deadline) extendedDue = e.deadline;
        break;
      case 'supervised':
        sink.add(e.at, atDept(), 'supervised');
        if (e.deadline) openSupervisions.push(e.deadline);
        break;
      default:
        break;
    }
  }

  // still open now: dated at the current deadline (counted once that day is past)
  if (isOpen(t.status as TicketState)) {
    sink.add(t.dueAt, region(), 'overdueUnclosed');
    if (t.status === 'dispatched' && place.dept) sink.add(t.dueAt, atDept(), 'overdueUnresolved');
  }
  return sink.list();
}
