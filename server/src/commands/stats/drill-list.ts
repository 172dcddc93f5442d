import { STATE_LABELS, type TicketState } from '@cgt/shared/ticket/machine';
import type { TicketListQuery } from '@cgt/shared/schemas/tickets';
import { shanghaiDayOf } from '@cgt/shared/stats/period';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { isOverdue } from '../../domain/tickets/sla.js';
import { requireStatsReader } from '../../policies/stats.js';
import type { ScopePrincipal } from '../../policies/staff-scope.js';
import type { QueueRow } from '../tickets/queue.js';
import { drillPage, eventLabel, eventsOfSlot, planDrill, rowsOf, type DrillEvent, type DrillPlan, type DrillSpec } from './drill.js';
import type { DrillRow } from './xlsx.js';
import { DrillRowReader } from './drill-rows.js';

/** GET /api/v1/admin/tickets?stat=…: the drill-down list (and its export) of an indicator's numerator. */

const COUNTS_FROM_ALL_UP_TO = 2_000;

/**
 * from/to of the ticket list query, as the period's Shanghai days (required for a drill-down). The list route is
 * open to all staff, a drill-down only to the statistics readers: refused (403) before the query is looked at.
 */
export function drillSpecOf(p: ScopePrincipal, q: TicketListQuery): DrillSpec {
  requireStatsReader(p);
  if (!q.from || !q.to) {
    const field = q.from ? 'to' : 'from';
    throw fail('validation_failed', [{ field, message: '请填写统计区间（YYYY-MM-DD）' }], '查看统计明细须指定统计区间');
  }
  const from = shanghaiDayOf(q.from);
  const to = shanghaiDayOf(q.to);
  return { stat: q.stat!, statUnit: q.statUnit, statUnitKind: q.statUnitKind, category: q.statCategory, from, to };
}

function emptyCounts() {
  return { submitted: 0, accepted: 0, dispatched: 0, resolved: 0, closed: 0, rejected: 0, overdue: 0 };
}

export async function drillList(deps: AppDeps, p: StaffPrincipal, q: TicketListQuery) {
  const plan = await planDrill(deps, p, drillSpecOf(p, q));
  const events = await drillPage(deps, p, plan, (q.page - 1) * q.pageSize, q.pageSize);
  const rows = await rowsOf(deps, events);
  const now = deps.now();
  // tab counts over the whole list while it is small, else over the page (a drill list is read, not worked)
  const countEvents = plan.total <= COUNTS_FROM_ALL_UP_TO ? await drillPage(deps, p, plan, 0, plan.total) : events;
  const countRows = countEvents === events ? rows : await rowsOf(deps, countEvents);
  const counts = emptyCounts();
  for (const r of new Set([...countRows.values()])) {
    if (r.status in counts) counts[r.status as keyof typeof counts]++;
    if (isOverdue(r.status, r.dueAt, now)) counts.overdue++;
  }
  return { plan, items: events.map((e) => ({ event: e, row: rows.get(e.ref) })).filter((x): x is { event: DrillEvent; row: QueueRow } => !!x.row), total: plan.total, counts };
}

/** Every event of the plan as export rows, a slot at a time (at most one day's events in memory). */
export async function* drillExportPages(deps: AppDeps, p: StaffPrincipal, plan: DrillPlan): AsyncGenerator<DrillRow[]> {
  const reader = new DrillRowReader(deps);
  for (const slot of plan.days) {
    const events = await eventsOfSlot(deps, p, plan, slot);
    for (let i = 0; i < events.length; i += 500) {
      const part = events.slice(i, i + 500);
      const rows = await reader.rowsFor(part);
      yield part.flatMap((e) => {
        const r = rows.get(e.ref);
        if (!r) return [];
        return [
          {
            trackingNo: r.trackingNo,
            categoryName: r.categoryName,
            statusLabel: STATE_LABELS[r.status as TicketState] ?? r.status,
            districtName: r.districtName,
            zoneName: r.zoneName ?? undefined,
            departmentName: r.departmentName ?? undefined,
            eventLabel: eventLabel(e.k),
            eventAt: e.at,
            createdAt: r.createdAt,
            dueAt: r.dueAt,
            description: r.description,
            address: r.address ?? undefined,
          },
        ];
      });
    }
  }
}
