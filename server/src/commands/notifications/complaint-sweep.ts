import { DUE_SOON_DAYS } from '@cgt/shared/complaint/deadlines';
import type { ComplaintState } from '@cgt/shared/complaint/machine';
import type { AppDeps } from '../../deps.js';
import { insertClaim } from '../../db/claims.js';
import { NO_DISTRICT } from '../../models/complaint-row.js';
import { shanghaiDay } from '../complaints/keys.js';
import { complaintOfficersOf, raiseAlerts } from './staff-alerts.js';

/**
 * The 信访 deadline sweep: the complaint office hears of a case whose statutory deadline (受理告知 15 days,
 * 办结 60(+30) days, 复查/复核 30 days) falls within DUE_SOON_DAYS, and again when it has passed (积案).
 * One alert per case per threshold per deadline, exactly as the ticket SLA sweep (sla-sweep.ts): alert
 * ids unique per (threshold, case, deadline, officer); a marker claim written after the alerts lets a
 * finished case cost one _id read per run. Reads the open set (complaint_open) by its `dueDay`
 * equality, from SWEEP_DAYS_BACK days ago to DUE_SOON_DAYS ahead: small sets of a day each.
 */

const SWEEP_DAYS_BACK = 3;
const PAGE = 500;
const DAY_MS = 24 * 3600_000;
const MARKER_RETENTION_MS = 120 * DAY_MS;

type Threshold = 'complaint_due_soon' | 'complaint_overdue';

/** What the office owes in each state that has a running deadline (see shared/complaint/deadlines.ts). */
const OWED: Partial<Record<ComplaintState, string>> = {
  registered: '受理告知',
  accepted: '办结答复',
  handling: '办结答复',
  review_requested: '复查意见',
  recheck_requested: '复核意见',
};

interface OpenView {
  _id: unknown;
  status: ComplaintState;
  district: string;
  dueAt: Date | null;
}

function text(t: Threshold, caseNo: string, status: ComplaintState, dueAt: Date): string {
  const owed = OWED[status] ?? '答复';
  const day = shanghaiDay(dueAt).slice(5);
  return t === 'complaint_due_soon' ? `信访件 ${caseNo} 的${owed}期限 ${day} 到期` : `信访件 ${caseNo} 已超过${owed}期限（${day}），列入积案`;
}

export async function sweepComplaintDeadlines(deps: AppDeps): Promise<Record<Threshold, number>> {
  const now = deps.now();
  const raised: Record<Threshold, number> = { complaint_due_soon: 0, complaint_overdue: 0 };
  for (let i = -SWEEP_DAYS_BACK; i <= DUE_SOON_DAYS; i++) {
    const dueDay = shanghaiDay(new Date(now.getTime() + i * DAY_MS));
    const entries = (await deps.models.ComplaintOpen.find({ dueDay }, { status: 1, district: 1, dueAt: 1 }).sort({ dueAt: 1 }).limit(PAGE).lean()) as OpenView[];
    for (const e of entries) {
      if (!e.dueAt) continue;
      const left = e.dueAt.getTime() - now.getTime();
      const t: Threshold | null = left < 0 ? 'complaint_overdue' : left <= DUE_SOON_DAYS * DAY_MS ? 'complaint_due_soon' : null;
      if (!t) continue;
      const id = String(e._id);
      const marker = `csla:${t}:${id}@${e.dueAt.getTime()}`;
      if (await deps.models.Claim.exists({ _id: marker })) continue;
      const row = await deps.models.ComplaintRow.findById(e._id, { caseNo: 1 }).lean<{ caseNo: string } | null>();
      if (!row) continue;
      const officers = await complaintOfficersOf(deps, e.district === NO_DISTRICT ? null : e.district);
      raised[t] += await raiseAlerts(deps, officers, { key: marker, kind: t, complaintId: id, caseNo: row.caseNo, text: text(t, row.caseNo, e.status, e.dueAt) });
      await insertClaim(deps.models, marker, { by: `pid:${process.pid}`, expiresAt: new Date(now.getTime() + MARKER_RETENTION_MS) });
    }
  }
  return raised;
}
