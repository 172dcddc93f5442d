import { ACTION_EVENT, missingFields } from '@cgt/shared/ticket/machine';
import type { TransitionRequest } from '@cgt/shared/schemas/tickets';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { badRequest, conflict, unprocessable } from '../../http/errors.js';
import { assertCanReadTicket, authorizeStaffAction, canReadTicket } from '../../policies/tickets.js';
import type { TicketRecord, TimelineEntry } from '../../models/ticket.js';
import { recordAudit } from '../../services/audit.js';
import { attachUploads } from '../../services/uploads.js';
import {
  applyStateChange,
  DISPATCH_CENTRE_LABEL,
  findTicket,
  outboxEntry,
  patchTicket,
  staffActor,
  type StateChange,
} from './common.js';

/**
 * POST /api/v1/admin/tickets/:id/transitions. Order of checks: invisible ticket → 404; role may never
 * do this, or a handler on another department's ticket → 403; not possible in this state → 409
 * invalid_transition; stale version → 409 conflict; missing/invalid fields → 400/422. Only then one
 * atomic update, and the audit entry.
 */
export async function staffTransition(
  deps: AppDeps,
  p: StaffPrincipal,
  idOrNo: string,
  req: TransitionRequest,
  ip: string,
): Promise<TicketRecord> {
  const t = await findTicket(deps, idOrNo);
  assertCanReadTicket(p, t);
  const ticket = t as TicketRecord;
  const to = authorizeStaffAction(p, ticket, req.action);
  if (req.version !== undefined && req.version !== ticket.version) {
    throw conflict('conflict', '工单已被他人处理，请刷新后重试', [{ field: 'version', message: `当前版本 ${ticket.version}` }]);
  }
  const missing = missingFields(req.action, req);
  if (missing.length) {
    throw badRequest('validation_failed', '请求参数有误', missing.map((f) => ({ field: f, message: '此操作必须填写' })));
  }

  const now = deps.now();
  const label = req.action === 'resolve' || req.action === 'return' ? ticket.routing.departmentName || '处置单位' : DISPATCH_CENTRE_LABEL;
  const entry: TimelineEntry = {
    type: ACTION_EVENT[req.action],
    at: now,
    actor: staffActor(p, label),
    fromStatus: ticket.status,
    toStatus: to,
    note: req.note,
    reason: req.reason,
  };
  const change: StateChange = { to, timeline: [entry], set: {}, outbox: [] };
  const citizenId = ticket.reporter.citizenId;
  let original: TicketRecord | null = null;

  switch (req.action) {
    case 'accept':
      change.outbox!.push(outboxEntry(deps, 'citizen', citizenId, 'accepted', to, '您的上报已立案'));
      break;
    case 'reject': {
      if (req.duplicateOf) {
        original = await findTicket(deps, req.duplicateOf);
        if (!original || String(original._id) === String(ticket._id) || !canReadTicket(p, original)) {
          throw unprocessable('validation_failed', '重复工单的原工单不存在', [{ field: 'duplicateOf', message: '请填写原工单的编号' }]);
        }
        change.set!.duplicateOf = String(original._id);
        entry.duplicateOf = String(original._id);
      }
      change.outbox!.push(outboxEntry(deps, 'citizen', citizenId, 'rejected', to, `您的上报未予立案：${req.reason}`));
      break;
    }
    case 'dispatch': {
      const dept = await findDepartment(deps, req.departmentId!);
      const r = ticket.routing;
      if (!dept || dept.active === false || (dept.districtCode !== r.districtCode && dept.districtCode !== r.zoneCode)) {
        throw unprocessable('validation_failed', '处置单位不属于该工单所在区域', [{ field: 'departmentId', message: '请选择本区域的处置单位' }]);
      }
      const id = String(dept._id);
      Object.assign(change.set!, { 'routing.departmentId': id, 'routing.departmentName': dept.name, assignedDepartmentId: id });
      Object.assign(entry, { departmentId: id, departmentName: dept.name });
      change.outbox!.push(outboxEntry(deps, 'department', id, 'dispatched', to, `新派遣工单 ${ticket.trackingNo}`));
      change.outbox!.push(outboxEntry(deps, 'citizen', citizenId, 'dispatched', to, `已派遣${dept.name}处置`));
      break;
    }
    case 'return':
      change.set!.assignedDepartmentId = null;
      entry.departmentId = ticket.assignedDepartmentId ?? undefined;
      break;
    case 'resolve': {
      const photoIds = req.photoIds ?? [];
      // claimed before the state change (idempotent for this ticket), so a retry after a conflict is safe
      await attachUploads(deps, photoIds, { kind: 'staff', id: p.userId }, { kind: 'ticket', id: String(ticket._id) }, 'photoIds');
      entry.reply = req.reply;
      entry.photoIds = photoIds;
      change.set!.resolvedAt = now;
      change.pushEach = { afterPhotoIds: photoIds.filter((id) => !ticket.afterPhotoIds.includes(id)) };
      change.outbox!.push(outboxEntry(deps, 'citizen', citizenId, 'resolved', to, '您的上报已处置，请查看回复并评价'));
      break;
    }
    case 'verify':
      change.set!.closedAt = now;
      change.outbox!.push(outboxEntry(deps, 'citizen', citizenId, 'closed', to, '您的上报已结案'));
      break;
    case 'rework':
      change.set!.resolvedAt = null;
      change.inc = { reworkCount: 1 };
      if (ticket.assignedDepartmentId) {
        change.outbox!.push(outboxEntry(deps, 'department', ticket.assignedDepartmentId, 'reworked', to, `工单 ${ticket.trackingNo} 返工：${req.reason}`));
      }
      break;
    case 'transfer':
      await prepareTransfer(deps, p, ticket, req, change, entry, now);
      break;
  }

  const updated = await applyStateChange(deps, ticket, change);
  if (original) {
    // The link back to the original is a second, independent update: a crash here only loses the
    // back-reference, never the rejection itself.
    await patchTicket(deps, original._id, {
      $addToSet: { duplicateIds: String(ticket._id) },
      $push: { timeline: { type: 'noted', at: now, actor: staffActor(p), note: `合并重复工单 ${ticket.trackingNo}`, duplicateOf: String(ticket._id) } },
    });
  }
  await recordAudit(deps, {
    actor: { kind: 'staff', id: p.userId, name: p.displayName },
    action: `ticket.${req.action}`,
    targetType: 'ticket',
    targetId: String(ticket._id),
    ip,
    details: { trackingNo: ticket.trackingNo, from: ticket.status, to, reason: req.reason, departmentId: entry.departmentId, districtCode: entry.districtCode },
  });
  return updated;
}

async function findDepartment(deps: AppDeps, id: string) {
  if (!/^[0-9a-f]{24}$/i.test(id)) return null;
  return deps.models.Department.findById(id).lean();
}

/** 移交: into another district's (or zone's) queue as accepted; routing records who moved it and why. */
async function prepareTransfer(
  deps: AppDeps,
  p: StaffPrincipal,
  ticket: TicketRecord,
  req: TransitionRequest,
  change: StateChange,
  entry: TimelineEntry,
  now: Date,
): Promise<void> {
  const { District } = deps.models;
  const district = await District.findOne({ code: req.districtCode, kind: 'district' }, { code: 1, name: 1 }).lean();
  if (!district) throw unprocessable('validation_failed', '目标区县不存在', [{ field: 'districtCode', message: '请选择有效的区县' }]);
  const zoneCode = req.zoneCode ?? req.zoneId;
  const zone = zoneCode ? await District.findOne({ code: zoneCode, kind: 'zone' }, { code: 1, name: 1, demo: 1 }).lean() : null;
  if (zoneCode && !zone) throw unprocessable('validation_failed', '目标功能区不存在', [{ field: 'zoneCode', message: '请选择有效的功能区' }]);
  const r = ticket.routing;
  if (district.code === r.districtCode && (zone?.code ?? null) === (r.zoneCode ?? null)) {
    throw unprocessable('validation_failed', '工单已在该区域', [{ field: 'districtCode', message: '请选择其他区县或功能区' }]);
  }
  Object.assign(change.set!, {
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
  Object.assign(entry, { districtCode: district.code, zoneCode: zone?.code });
}
