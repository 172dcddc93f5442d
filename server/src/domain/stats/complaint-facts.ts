import { isOpenComplaintForStats } from './complaint-open.js';
import type { ComplaintRecord } from '../../models/complaint.js';
import { FactSink, type Fact, type Place } from './ticket-facts.js';

/**
 * What one 信访 case contributes to the statistics, from its own timeline (pure; same role as
 * ticket-facts.ts): 登记, 受理, 告知 (受理/不予受理/转送, on time when within acceptBy: 15 days), 办结 (on time
 * within concludeBy: 60 days, 90 after the one extension — the extension always comes before the
 * conclusion, so the stored concludeBy is the one in force), 复查/复核 requests, 终结, and 积案 (still open
 * past concludeBy: dated at concludeBy, counted once that day is past). District/department as stored on
 * the case; a case without a district is not attributed.
 */
export function complaintFacts(c: ComplaintRecord): Fact[] {
  if (!c.districtCode) return [];
  const id = String(c._id);
  const sink = new FactSink(`c:${id}`, id, 'petition', '信访');
  const place: Place = { district: c.districtCode, zone: null, dept: c.departmentId ? String(c.departmentId) : null };
  const onTime = (at: Date, by: Date | null | undefined) => !!by && at.getTime() <= new Date(by).getTime();
  sink.add(c.createdAt, place, 'petitionRegistered');
  for (const e of c.timeline) {
    const at = new Date(e.at);
    switch (e.type) {
      case 'accept':
        sink.add(at, place, 'petitionAccepted');
      // falls through: acceptance is also the 告知
      case 'not_accept':
      case 'transfer':
        sink.add(at, place, 'petitionNotified');
        if (onTime(at, c.deadlines.acceptBy)) sink.add(at, place, 'petitionNotifiedOnTime');
        break;
      case 'conclude':
        sink.add(at, place, 'petitionConcluded');
        if (onTime(at, c.deadlines.concludeBy)) sink.add(at, place, 'petitionConcludedOnTime');
        break;
      case 'request_review':
      case 'request_recheck':
        sink.add(at, place, 'petitionReviewed');
        break;
      default:
        break;
    }
    if (e.toStatus === 'final') sink.add(at, place, 'petitionFinal');
  }
  if (isOpenComplaintForStats(c.status) && c.deadlines.concludeBy) sink.add(new Date(c.deadlines.concludeBy), place, 'petitionBacklog');
  return sink.list();
}
