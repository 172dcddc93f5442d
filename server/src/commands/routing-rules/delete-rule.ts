import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { actorOf, recordAudit } from '../../services/audit.js';
import { bumpRoutingVersion } from '../../services/routing.js';
import { findRule, type RoutingRuleRecord } from './common.js';

/** 删除派遣规则 (admins): 404 for an unknown id; the audit entry keeps what the rule said. Returns the removed rule. */
export async function deleteRule(deps: AppDeps, by: StaffPrincipal, id: string, ip: string): Promise<RoutingRuleRecord> {
  const before = await findRule(deps, id);
  await deps.models.RoutingRule.deleteOne({ _id: id });
  await bumpRoutingVersion(deps);
  await recordAudit(deps, {
    actor: actorOf(by),
    action: 'routing_rule.delete',
    targetType: 'routing_rule',
    targetId: id,
    ip,
    details: { scopeCode: before.scopeCode, categoryCode: before.categoryCode, departmentId: before.departmentId },
  });
  return before;
}
