import type { PatchRoutingRuleRequest } from '@cgt/shared/schemas/departments';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { actorOf, recordAudit } from '../../services/audit.js';
import { bumpRoutingVersion } from '../../services/routing.js';
import { assertArea, assertDepartment, assertRuleCategory } from '../departments/references.js';
import { findRule, type RoutingRuleRecord } from './common.js';

/** 修改派遣规则 (admins): changed references are checked like at creation; 404 for an unknown id. */
export async function updateRule(deps: AppDeps, by: StaffPrincipal, id: string, body: PatchRoutingRuleRequest, ip: string): Promise<RoutingRuleRecord> {
  if (body.scopeCode) await assertArea(deps, body.scopeCode, 'scopeCode');
  if (body.categoryCode) await assertRuleCategory(deps, body.categoryCode, 'categoryCode');
  if (body.departmentId) await assertDepartment(deps, body.departmentId, 'departmentId');
  const res = await deps.models.RoutingRule.updateOne({ _id: id }, { $set: body });
  if (res.matchedCount === 0) throw fail('not_found', [], '派遣规则不存在');
  await bumpRoutingVersion(deps);
  await recordAudit(deps, { actor: actorOf(by), action: 'routing_rule.update', targetType: 'routing_rule', targetId: id, ip, details: { ...body } });
  return findRule(deps, id);
}
