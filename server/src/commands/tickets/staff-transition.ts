import { missingFields } from '@cgt/shared/ticket/machine';
import type { StateTransitionRequest as TransitionRequest } from '@cgt/shared/schemas/tickets';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { assertCanReadTicket, authorizeStaffAction, canReadTicket } from '../../policies/tickets.js';
import type { TicketRecord } from '../../models/ticket.js';
import { recordAudit } from '../../services/audit.js';
import { attachUploads } from '../../services/uploads.js';
import { applyStateChange, findTicket, patchTicket, staffActor } from './common.js';
import { buildStaffChange, type StaffChangeTargets } from './staff-change.js';
import { assertNotHeld } from './content-hold.js';
import { OBJECT_ID_RE } from '@cgt/shared/schemas/common';

/**
 * POST /api/v1/admin/tickets/:id/transitions. Order of checks: invisible ticket → 404; role may never
 * do this, or a handler on another department's ticket → 403; not possible in this state → 409
 * invalid_transition; stale version → 409 conflict; missing/invalid fields → 400. Only then one
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
  assertNotHeld(ticket, req.action);
  if (req.version !== undefined && req.version !== ticket.version) {
    throw fail('conflict', [{ field: 'version', message: `当前版本 ${ticket.version}` }], '工单已被他人处理，请刷新后重试');
  }
  const missing = missingFields(req.action, req);
  if (missing.length) {
    throw fail('validation_failed', missing.map((f) => ({ field: f, message: '此操作必须填写' })));
  }

  const now = deps.now();
  // lookups and checks the action needs (they may fail); the change itself is built by staff-change.ts
  const targets: StaffChangeTargets = {};
  let original: TicketRecord | null = null;
  if (req.action === 'reject' && req.duplicateOf) {
    original = await findTicket(deps, req.duplicateOf);
    if (!original || String(original._id) === String(ticket._id) || !canReadTicket(p, original)) {
      throw fail('validation_failed', [{ field: 'duplicateOf', message: '请填写原工单的编号' }], '重复工单的原工单不存在');
    }
    targets.duplicateOf = String(original._id);
  }
  if (req.action === 'dispatch') {
    const dept = await findDepartment(deps, req.departmentId!);
    const r = ticket.routing;
    if (!dept || dept.active === false || (dept.districtCode !== r.districtCode && dept.districtCode !== r.zoneCode)) {
      throw fail('validation_failed', [{ field: 'departmentId', message: '请选择本区域的处置单位' }], '处置单位不属于该工单所在区域');
    }
    targets.department = { id: String(dept._id), name: dept.name };
  }
  if (req.action === 'resolve') {
    // claimed before the state change (idempotent for this ticket), so a retry after a conflict is safe
    await attachUploads(deps, req.photoIds ?? [], { kind: 'staff', id: p.userId }, { kind: 'ticket', id: String(ticket._id) }, 'photoIds');
  }
  if (req.action === 'transfer') targets.transfer = await transferTarget(deps, ticket, req);
  const { change, entry } = buildStaffChange(deps, p, ticket, req, to, now, targets);

  const updated = await applyStateChange(deps, ticket, change);
  if (original) {
    // The link back to the original is a second, independent update: a crash here only loses the
    // back-reference, never the rejection itself.
    await patchTicket(deps, original._id, {
      $addToSet: { duplicateIds: String(ticket._id) },
      $push: { timeline: { type: 'noted', at: now, actor: staffActor(p, original), note: `合并重复工单 ${ticket.trackingNo}`, duplicateOf: String(ticket._id) } },
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
  if (!OBJECT_ID_RE.test(id)) return null;
  return deps.models.Department.findById(id).lean();
}

/** 移交: into another district's (or zone's) queue as accepted; checks the target and returns it. */
async function transferTarget(deps: AppDeps, ticket: TicketRecord, req: TransitionRequest): Promise<NonNullable<StaffChangeTargets['transfer']>> {
  const { District } = deps.models;
  const district = await District.findOne({ code: req.districtCode, kind: 'district' }, { code: 1, name: 1 }).lean();
  if (!district) throw fail('validation_failed', [{ field: 'districtCode', message: '请选择有效的区县' }], '目标区县不存在');
  const zoneCode = req.zoneCode ?? req.zoneId;
  const zone = zoneCode ? await District.findOne({ code: zoneCode, kind: 'zone' }, { code: 1, name: 1, demo: 1 }).lean() : null;
  if (zoneCode && !zone) throw fail('validation_failed', [{ field: 'zoneCode', message: '请选择有效的功能区' }], '目标功能区不存在');
  const r = ticket.routing;
  if (district.code === r.districtCode && (zone?.code ?? null) === (r.zoneCode ?? null)) {
    throw fail('validation_failed', [{ field: 'districtCode', message: '请选择其他区县或功能区' }], '工单已在该区域');
  }
  return { district: { code: district.code, name: district.name }, zone: zone ? { code: zone.code, name: zone.name, demo: zone.demo } : null };
}
