import { OPEN_DEADLINE_COUNTERS, type StatCounter } from '@cgt/shared/stats/counters';
import { indicatorDef, type IndicatorDef } from '@cgt/shared/stats/indicators';
import { addDays, monthOfDay, shanghaiDayOf } from '@cgt/shared/stats/period';
import { COUNTER_LABELS } from '@cgt/shared/stats/counters';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { unpackRow, type StatFactDoc, type StatPeriodRowDoc, type StoredPeriodRow } from '../../models/stat.js';
import { canSeeDistrict } from '../../policies/staff-scope.js';
import type { QueueRow } from '../tickets/queue.js';
import { settleMonths } from './recount.js';
import { visibleDepartments, visibleRegions } from './units.js';
import { OBJECT_ID_RE } from '@cgt/shared/schemas/common';

/**
 * Drill-down: the events behind an indicator's numerator, one list row per event (a ticket closed twice in
 * the period appears twice), so the list's total is the numerator of the ranking. The day rows say how many
 * events each day × district holds, so a page reads the facts of only the slots that hold it (equality on
 * the fact's day × district, or day × department); an export walks every slot in order (cursor paging).
 * The list is in day order, then (全市, a zone) by district, then by time: a page of 全市 reads one or two
 * districts' facts of a day, not the whole city's day.
 */

export interface DrillSpec {
  stat: string;
  statUnit?: string;
  statUnitKind?: 'district' | 'department';
  /** only this problem category's events (a district or 全市: the day rows count categories per district) */
  category?: string;
  from: string;
  to: string;
}

type Unit = { kind: 'all' } | { kind: 'district'; code: string; name: string } | { kind: 'zone'; code: string; name: string } | { kind: 'department'; id: string; name: string };

export interface DrillEvent {
  ref: string;
  k: StatCounter;
  at: Date;
  /** the fact's district (the export reads ticket rows by district × month: drill-rows.ts) */
  district: string;
}

export interface DrillSlot {
  day: string;
  /** the day row's district (全市, a zone): the slot's facts are that day × district's */
  district?: string;
  n: number;
}

export interface DrillPlan {
  def: IndicatorDef;
  unit: Unit;
  category?: string;
  unitName: string;
  /** the slots with events, in list order, and how many each: a day (× the district, for 全市 and zones) */
  days: DrillSlot[];
  total: number;
}

const isObjectId = (s: string) => OBJECT_ID_RE.test(s);

async function resolveUnit(deps: AppDeps, p: StaffPrincipal, spec: DrillSpec): Promise<Unit> {
  if (!spec.statUnit) return { kind: 'all' };
  const regions = await visibleRegions(deps, p);
  const kind = spec.statUnitKind ?? (isObjectId(spec.statUnit) ? 'department' : 'district');
  if (kind === 'department') {
    const d = (await visibleDepartments(deps, p, regions)).find((x) => x.id === spec.statUnit);
    if (!d) throw fail('not_found', [], '处置单位不存在或不在您的辖区内');
    return { kind: 'department', id: d.id, name: d.name };
  }
  const r = regions.find((x) => x.code === spec.statUnit);
  if (!r) throw fail('not_found', [], '区域不存在或不在您的辖区内');
  return r.kind === 'zone' ? { kind: 'zone', code: r.code, name: r.name } : { kind: 'district', code: r.code, name: r.name };
}

function rowCount(row: StatPeriodRowDoc, unit: Unit, counters: readonly StatCounter[], p: StaffPrincipal, category?: string): number {
  const pick = (c: Record<string, number> | undefined) => counters.reduce((s, k) => s + (c?.[k] ?? 0), 0);
  if (category) {
    // the district's cell of that category; 全市 = the districts wholly in scope, as the breakdown sums them
    const cell = row.byCat.find((c) => c.k === category)?.c;
    if (unit.kind === 'district') return row.district === unit.code ? pick(cell) : 0;
    return canSeeDistrict(p, row.district) ? pick(cell) : 0;
  }
  switch (unit.kind) {
    case 'district':
      return row.district === unit.code ? pick(row.total) : 0;
    case 'zone':
      return pick(row.byZone.find((z) => z.k === unit.code)?.c);
    case 'department':
      return pick(row.byDept.find((d) => d.k === unit.id)?.c);
    case 'all': {
      if (canSeeDistrict(p, row.district)) return pick(row.total);
      // a zone officer: the zones of this row they see
      return row.byZone.filter((z) => canSeeDistrict(p, row.district, z.k)).reduce((s, z) => s + pick(z.c), 0);
    }
  }
}

/** Which counters of the numerator count on `day` (open-deadline ones only once the day is past). */
function countersOn(def: IndicatorDef, day: string, today: string): StatCounter[] {
  return def.numerator.filter((k) => day < today || !OPEN_DEADLINE_COUNTERS.includes(k));
}

export async function planDrill(deps: AppDeps, p: StaffPrincipal, spec: DrillSpec): Promise<DrillPlan> {
  const def = indicatorDef(spec.stat)!;
  const unit = await resolveUnit(deps, p, spec);
  if (spec.category && unit.kind !== 'district' && unit.kind !== 'all') {
    throw fail('validation_failed', [{ field: 'statCategory', message: '问题类型明细只能按区县或全市查看' }], '问题类型明细只能按区县或全市查看');
  }
  const today = shanghaiDayOf(deps.now());
  const end = spec.to < today ? spec.to : today;
  const months: string[] = [];
  for (let m = monthOfDay(spec.from); m <= monthOfDay(end); m = monthOfDay(addDays(`${m}-28`, 5))) months.push(m);
  await settleMonths(deps, months, { monthRows: false });
  const rows = (
    await Promise.all(months.map(async (m) => (await deps.models.StatDay.find({ month: m }).lean<StoredPeriodRow[]>()).map(unpackRow)))
  ).flat();
  // 全市 and zones read a day × district's facts; a district and a department are one slot per day already
  const byDistrict = unit.kind === 'all' || unit.kind === 'zone';
  const perSlot = new Map<string, DrillSlot>();
  for (const r of rows) {
    if (r.period < spec.from || r.period > end) continue;
    const n = rowCount(r, unit, countersOn(def, r.period, today), p, spec.category);
    if (!n) continue;
    const key = byDistrict ? `${r.period}|${r.district}` : r.period;
    const slot = perSlot.get(key) ?? { day: r.period, ...(byDistrict ? { district: r.district } : {}), n: 0 };
    slot.n += n;
    perSlot.set(key, slot);
  }
  const days = [...perSlot.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, slot]) => slot);
  const place = unit.kind === 'all' ? (p.districtCodes.length ? '合计' : '全市') : unit.name;
  const catName = spec.category ? (rows.flatMap((r) => r.byCat).find((c) => c.k === spec.category)?.name ?? spec.category) : null;
  const unitName = catName ? `${place}·${catName}` : place;
  return { def, unit, category: spec.category, unitName, days, total: days.reduce((s, d) => s + d.n, 0) };
}

/** The events of one slot of the plan, in time order. */
export async function eventsOfSlot(deps: AppDeps, p: StaffPrincipal, plan: DrillPlan, slot: Pick<DrillSlot, 'day' | 'district'>): Promise<DrillEvent[]> {
  const { StatFact } = deps.models;
  const u = plan.unit;
  const day = slot.day;
  let facts: StatFactDoc[];
  if (u.kind === 'district') facts = await StatFact.find({ bucket: `${day}|${u.code}` }).lean<StatFactDoc[]>();
  else if (u.kind === 'department') facts = await StatFact.find({ deptBucket: `${day}|${u.id}` }).lean<StatFactDoc[]>();
  else {
    const all = await StatFact.find(slot.district ? { bucket: `${day}|${slot.district}` } : { day }).lean<StatFactDoc[]>();
    facts = u.kind === 'zone' ? all.filter((f) => f.zone === u.code) : all.filter((f) => (plan.category ? canSeeDistrict(p, f.district) : canSeeDistrict(p, f.district, f.zone)));
  }
  if (plan.category) facts = facts.filter((f) => f.cat === plan.category);
  const wanted = new Set<string>(countersOn(plan.def, day, shanghaiDayOf(deps.now())));
  const out: DrillEvent[] = [];
  for (const f of facts) for (const e of f.ev ?? []) if (wanted.has(e.k)) out.push({ ref: f.ref, k: e.k as StatCounter, at: new Date(e.at), district: f.district });
  return out.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}

/** Events [skip, skip + limit) of the plan, reading only the slots that hold them. */
export async function drillPage(deps: AppDeps, p: StaffPrincipal, plan: DrillPlan, skip: number, limit: number): Promise<DrillEvent[]> {
  let before = 0;
  const out: DrillEvent[] = [];
  for (const slot of plan.days) {
    const n = slot.n;
    if (before + n <= skip) {
      before += n;
      continue;
    }
    const events = await eventsOfSlot(deps, p, plan, slot);
    const from = Math.max(0, skip - before);
    out.push(...events.slice(from, from + limit - out.length));
    before += n;
    if (out.length >= limit) break;
  }
  return out;
}

/** Loads the list rows (ticket_rows, by _id) of some events, a few at a time. */
export async function rowsOf(deps: AppDeps, events: DrillEvent[]): Promise<Map<string, QueueRow>> {
  const ids = [...new Set(events.map((e) => e.ref))];
  const out = new Map<string, QueueRow>();
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      const row = await deps.models.TicketRow.findById(id).lean<QueueRow>();
      if (row) out.set(id, row);
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, ids.length) }, worker));
  return out;
}

export function eventLabel(k: StatCounter): string {
  return COUNTER_LABELS[k];
}
