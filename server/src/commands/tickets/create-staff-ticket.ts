import { createHash } from 'node:crypto';
import type { CreateStaffTicketRequest } from '@cgt/shared/schemas/intake';
import { SOURCE_CHANNEL_LABELS } from '@cgt/shared/ticket/source';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { actorOf, recordAudit } from '../../services/audit.js';
import { fileReport, type CreateReportResult, type ReportOrigin } from './create-report.js';
import { staffActor } from './common.js';

/**
 * 新建工单 at the intake desk (受理员, 指挥中心调度员, admins): a public call, a 12345 转办 work order, a
 * patrol finding or a letter becomes a ticket through the residents' filing path (fileReport): the same
 * checks, routing, SLA clock, numbering, queue and statistics; only the source, the reporter record and the
 * notifications differ (no resident to notify; the district's dispatchers are alerted as for any report).
 *
 * The other system's number (`externalNo`, e.g. the 12345 工单号) is unique per channel. It is the
 * idempotency key of the filing, by the kernel's protocol (db/idempotency.ts): the key record's _id is
 * `intake-no:<channel>:<hash of the number>`, claimed by one unique-_id insert (FerretDB has no
 * compare-and-set), and it fixes the ticket's id. So the same number entered twice — one after the other,
 * or by two clerks at the same moment — gives one ticket: the second entry gets that ticket (200), whatever
 * else it typed. These records are kept for good (jobs/housekeeping.ts spares the scope). Without a number a
 * client's Idempotency-Key, when given, makes a retried submit safe; without either the entry runs once.
 */

export const INTAKE_NUMBER_SCOPE = 'intake-no';
const INTAKE_KEY_SCOPE = 'intake';

/** The key value of a number: fixed-length printable ASCII whatever the number holds (汉字 in a 文号). */
export function externalNoKey(externalNo: string): string {
  return createHash('sha256').update(externalNo.normalize('NFC')).digest('hex');
}

export async function createStaffTicket(
  deps: AppDeps,
  p: StaffPrincipal,
  body: CreateStaffTicketRequest,
  idempotencyKey: string | undefined,
  ip: string,
): Promise<CreateReportResult> {
  const byNumber = !!body.externalNo;
  const caller = body.caller ?? {};
  const origin: ReportOrigin = {
    scope: byNumber ? INTAKE_NUMBER_SCOPE : INTAKE_KEY_SCOPE,
    // numbers are unique per channel, whoever enters them; client keys per clerk
    callerId: byNumber ? body.channel : p.userId,
    reporterId: `staff:${p.userId}`,
    actor: staffActor(p),
    residentPhoneFallback: false,
    notifyResident: false,
    uploadOwner: { kind: 'staff', id: p.userId },
    source: { kind: 'staff', channel: body.channel, externalNo: body.externalNo, contactName: caller.name },
    phone: caller.phone,
    sameRequest: byNumber ? { channel: body.channel, externalNo: body.externalNo } : undefined,
    reuseHint: '请为新的录入生成新的键',
    keyOptional: true,
  };
  const res = await fileReport(deps, origin, byNumber ? externalNoKey(body.externalNo!) : idempotencyKey, {
    categoryCode: body.categoryCode,
    description: body.description,
    location: body.location,
    address: body.address,
    photoIds: body.photoIds,
    anonymous: !caller.name && !caller.phone,
  });
  if (res.status === 201) {
    await recordAudit(deps, {
      actor: actorOf(p),
      action: 'ticket.intake',
      targetType: 'ticket',
      targetId: String(res.ticket._id),
      ip,
      details: {
        trackingNo: res.ticket.trackingNo,
        channel: body.channel,
        channelLabel: SOURCE_CHANNEL_LABELS[body.channel],
        ...(body.externalNo ? { externalNo: body.externalNo } : {}),
        categoryCode: body.categoryCode,
        districtCode: res.ticket.routing.districtCode,
      },
    });
  }
  return res;
}
