import { ACTION_EVENT, type TicketState } from '@cgt/shared/ticket/machine';
import { RESIDENT_NOTICES } from '@cgt/shared/ticket/resident-labels';
import type { StateTransitionRequest as TransitionRequest } from '@cgt/shared/schemas/tickets';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import type { TicketRecord, TimelineEntry } from '../../models/ticket.js';
import { outboxEntry, staffActor, type StateChange } from './common.js';
import { centreUnit, handlingUnit } from '../../domain/tickets/acting-unit.js';

/**
 * The pure part of a staff transition: the timeline entry, the fields set and the notifications queued
 * for an action that staff-transition.ts has already authorised and validated (and whose targets it has
 * looked up). Kept apart so bulk writers (the scale benchmark's seeding) record a ticket's history with
 * exactly the entries the live command writes.
 */

export interface StaffChangeTargets {
  /** dispatch: the department, checked to belong to the ticket's area */
  department?: { id: string; name: string };
  /** reject as a duplicate: the original ticket's id */
  duplicateOf?: string;
  /** transfer: the checked target district and zone */
  transfer?: { district: { code: string; name: string }; zone: { code: string; name: string; demo?: boolean | null } | null };
}

export function buildStaffChange(
  deps: Pick<AppDeps, 'now'>,
  p: StaffPrincipal,
  ticket: TicketRecord,
  req: TransitionRequest,
  to: TicketState,
  now: Date,
  targets: StaffChangeTargets = {},
): { change: StateChange; entry: TimelineEntry } {
  // the unit acting: the department for its own steps, otherwise the centre (or district sub-centre) of the account
  const label = req.action === 'resolve' || req.action === 'return' ? handlingUnit(ticket) : centreUnit(p, ticket);
  const entry: TimelineEntry = {
    type: ACTION_EVENT[req.action],
    at: now,
    actor: staffActor(p, label),
    fromStatus: ticket.status,
    toStatus: to,
    note: req.note,
    reason: req.reason,
  };
  const set: Record<string, unknown> = {};
  const change: StateChange = { to, timeline: [entry], set, outbox: [] };
  const outbox = change.outbox!;
  const citizenId = ticket.reporter.citizenId;
  // outboxEntry only reads the clock from deps
  const d = deps as AppDeps;

  switch (req.action) {
    case 'accept':
      outbox.push(outboxEntry(d, 'citizen', citizenId, 'accepted', to, RESIDENT_NOTICES.accepted));
      break;
    case 'reject':
      if (targets.duplicateOf) {
        set.duplicateOf = targets.duplicateOf;
        entry.duplicateOf = targets.duplicateOf;
      }
      outbox.push(outboxEntry(d, 'citizen', citizenId, 'rejected', to, RESIDENT_NOTICES.rejected(req.reason ?? '')));
      break;
    case 'dispatch': {
      const dept = targets.department!;
      Object.assign(set, { 'routing.departmentId': dept.id, 'routing.departmentName': dept.name, assignedDepartmentId: dept.id });
      Object.assign(entry, { departmentId: dept.id, departmentName: dept.name });
      outbox.push(outboxEntry(d, 'department', dept.id, 'dispatched', to, `新派遣工单 ${ticket.trackingNo}`));
      outbox.push(outboxEntry(d, 'citizen', citizenId, 'dispatched', to, RESIDENT_NOTICES.dispatched(dept.name)));
      break;
    }
    case 'return':
      set.assignedDepartmentId = null;
      entry.departmentId = ticket.assignedDepartmentId ?? undefined;
      outbox.push(outboxEntry(d, 'district', ticket.routing.districtCode, 'returned', to, `工单 ${ticket.trackingNo} 被处置单位回退：${req.reason ?? ''}`));
      break;
    case 'resolve': {
      const photoIds = req.photoIds ?? [];
      entry.reply = req.reply;
      entry.photoIds = photoIds;
      set.resolvedAt = now;
      change.pushEach = { afterPhotoIds: photoIds.filter((id) => !ticket.afterPhotoIds.includes(id)) };
      outbox.push(outboxEntry(d, 'citizen', citizenId, 'resolved', to, RESIDENT_NOTICES.resolved));
      break;
    }
    case 'verify':
      set.closedAt = now;
      outbox.push(outboxEntry(d, 'citizen', citizenId, 'closed', to, RESIDENT_NOTICES.closed));
      break;
    case 'rework':
      set.resolvedAt = null;
      change.inc = { reworkCount: 1 };
      if (ticket.assignedDepartmentId) {
        outbox.push(outboxEntry(d, 'department', ticket.assignedDepartmentId, 'reworked', to, `工单 ${ticket.trackingNo} 返工：${req.reason}`));
      }
      break;
    case 'transfer': {
      const { district, zone } = targets.transfer!;
      const r = ticket.routing;
      Object.assign(set, {
        'routing.districtCode': district.code,
        'routing.districtName': district.name,
        'routing.zoneCode': zone?.code ?? null,
        'routing.zoneName': zone?.name ?? null,
        'routing.zoneDemo': zone?.demo ?? null,
        'routing.departmentId': null,
        'routing.departmentName': null,
        'routing.ruleId': null,
        'routing.reason': `由${p.displayName}移交：${req.reason}`,
        'routing.movedBy': { id: p.userId, name: p.displayName, at: now, reason: req.reason, fromDistrictCode: r.districtCode, fromZoneCode: r.zoneCode ?? null },
        assignedDepartmentId: null,
      });
      Object.assign(entry, { districtCode: district.code, zoneCode: zone?.code, fromDistrictCode: r.districtCode, fromZoneCode: r.zoneCode ?? undefined });
      outbox.push(outboxEntry(d, 'district', district.code, 'transferred', to, `工单 ${ticket.trackingNo} 由${r.districtName}移交本区：${req.reason}`));
      break;
    }
  }
  return { change, entry };
}
