import type { CreateRoutingRuleRequest } from '@cgt/shared/schemas/departments';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { ruleLabel } from '../../domain/routing/labels.js';
import { actorOf, recordAudit } from '../../services/audit.js';
import { bumpRoutingVersion } from '../../services/routing.js';
import { assertArea, assertDepartment, assertRuleCategory } from '../departments/references.js';
import { findRule, type RoutingRuleRecord } from './common.js';

/**
 * 新建派遣规则 (admins): area × category (code, group or *) → department, each reference checked (422
 * naming the field). Without a name the rule is labelled after its area and category.
 */
export async function createRule(deps: AppDeps, by: StaffPrincipal, body: CreateRoutingRuleRequest, ip: string): Promise<RoutingRuleRecord> {
  const area = await assertArea(deps, body.scopeCode, 'scopeCode');
  await assertRuleCategory(deps, body.categoryCode, 'categoryCode');
  await assertDepartment(deps, body.departmentId, 'departmentId');
  const r = await deps.models.RoutingRule.create({ ...body, name: body.name || ruleLabel(area.name, body.categoryCode), demo: false });
  await bumpRoutingVersion(deps);
  await recordAudit(deps, { actor: actorOf(by), action: 'routing_rule.create', targetType: 'routing_rule', targetId: String(r._id), ip, details: { ...body } });
  return findRule(deps, String(r._id));
}
