import { workingHoursBetween } from '@cgt/shared/calendar/working-time';
import type { AppDeps } from '../../deps.js';
import { insertClaim } from '../../db/claims.js';
import { shanghaiDay } from '../../domain/tickets/queue-cells.js';
import { departmentStaff, dispatchersOf, raiseAlerts } from './staff-alerts.js';

/**
 * The SLA sweep (every minute, every process): alerts for open tickets due within DUE_SOON_WORKING_HOURS
 * working hours, overdue, and overdue for more than ESCALATE_AFTER_WORKING_HOURS (escalated to the city
 * centre). One alert per ticket per threshold per deadline, never repeated:
 * - the alert ids are unique per (threshold, ticket, dueAt, staff), so raising twice inserts once;
 * - a marker claim `sla:<threshold>:<ticket>@<dueAt>` is inserted AFTER the alerts, and a ticket whose
 *   marker exists is skipped — so a sweep that died half-way raises the rest next minute, and a finished
 *   threshold costs one _id read per minute. A new deadline (rework, reopen) is a new threshold.
 * Reads the hot queue projection by equalities (status × Shanghai due day, index status+dueDay+dueAt):
 * the days from SWEEP_DAYS_BACK before today to tomorrow. A ticket overdue for longer than that window
 * was alerted when it crossed (or, after a longer outage, is visible in the console's overdue tab).
 */

export const DUE_SOON_WORKING_HOURS = 2;
export const ESCALATE_AFTER_WORKING_HOURS = 4;
const SWEEP_DAYS_BACK = 3;
const SLA_STATUSES = ['submitted', 'accepted', 'dispatched'] as const;
const PAGE = 500;
const MARKER_RETENTION_MS = 60 * 24 * 3600_000;

interface QueueRowView {
  _id: unknown;
  trackingNo: string;
  status: string;
  districtCode: string;
  zoneCode?: string | null;
  assignedDepartmentId?: string | null;
  dueAt: Date;
}

type Threshold = 'due_soon' | 'overdue' | 'escalated';

/**
 * Markers this process has read or written, with the due time they belong to. A marker is never removed
 * while its ticket can be in the sweep's window (it lives MARKER_RETENTION_MS, the window is days), so a
 * marker known once need not be read again: without this, every overdue ticket of the window cost one or
 * two claim reads a minute (2,656 reads, 9.5 s, per sweep at 200,000 tickets). Per models (one database),
 * pruned of due times older than the window.
 */
const knownMarkers = new WeakMap<object, Map<string, number>>();

function markerCache(deps: AppDeps, windowStart: number): Map<string, number> {
  let known = knownMarkers.get(deps.models);
  if (!known) knownMarkers.set(deps.models, (known = new Map()));
  for (const [marker, dueAt] of known) if (dueAt < windowStart) known.delete(marker);
  return known;
}

function thresholdsOf(row: QueueRowView, now: Date, escalateAfter: number): Threshold[] {
  const left = workingHoursBetween(now, row.dueAt);
  if (row.dueAt.getTime() > now.getTime()) return left <= DUE_SOON_WORKING_HOURS ? ['due_soon'] : [];
  return -left >= escalateAfter ? ['overdue', 'escalated'] : ['overdue'];
}

const TEXT: Record<Threshold, (no: string) => string> = {
  due_soon: (no) => `工单 ${no} 将在 ${DUE_SOON_WORKING_HOURS} 个工作小时内到期`,
  overdue: (no) => `工单 ${no} 已超期`,
  escalated: (no) => `工单 ${no} 超期已超过 ${ESCALATE_AFTER_WORKING_HOURS} 个工作小时，升级至市指挥中心`,
};

async function recipients(deps: AppDeps, row: QueueRowView, t: Threshold): Promise<string[]> {
  if (t === 'escalated') return dispatchersOf(deps, null);
  const district = await dispatchersOf(deps, row.districtCode, row.zoneCode);
  const dept = row.assignedDepartmentId ? await departmentStaff(deps, row.assignedDepartmentId) : [];
  return [...district, ...dept];
}

export async function sweepSla(deps: AppDeps, opts: { escalateAfterWorkingHours?: number } = {}): Promise<Record<Threshold, number>> {
  const now = deps.now();
  const escalateAfter = opts.escalateAfterWorkingHours ?? ESCALATE_AFTER_WORKING_HOURS;
  const days = Array.from({ length: SWEEP_DAYS_BACK + 2 }, (_, i) => shanghaiDay(new Date(now.getTime() + (i - SWEEP_DAYS_BACK) * 24 * 3600_000)));
  const raised: Record<Threshold, number> = { due_soon: 0, overdue: 0, escalated: 0 };
  const known = markerCache(deps, now.getTime() - (SWEEP_DAYS_BACK + 2) * 24 * 3600_000);
  for (const status of SLA_STATUSES) {
    for (const dueDay of days) {
      const rows = (await deps.models.TicketQueue.find({ status, dueDay }, { trackingNo: 1, status: 1, districtCode: 1, zoneCode: 1, assignedDepartmentId: 1, dueAt: 1 })
        .sort({ dueAt: 1 })
        .limit(PAGE)
        .lean()) as QueueRowView[];
      for (const row of rows) {
        for (const t of thresholdsOf(row, now, escalateAfter)) {
          const marker = `sla:${t}:${String(row._id)}@${row.dueAt.getTime()}`;
          if (known.has(marker)) continue;
          if (!(await deps.models.Claim.exists({ _id: marker }))) {
            raised[t] += await raiseAlerts(deps, await recipients(deps, row, t), { key: marker, kind: t, ticketId: String(row._id), trackingNo: row.trackingNo, text: TEXT[t](row.trackingNo) });
            await insertClaim(deps.models, marker, { by: `pid:${process.pid}`, expiresAt: new Date(now.getTime() + MARKER_RETENTION_MS) });
          }
          known.set(marker, row.dueAt.getTime());
        }
      }
    }
  }
  return raised;
}
