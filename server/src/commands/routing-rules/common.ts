import type { AppDeps } from '../../deps.js';
import { fail } from '../../http/errors.js';

/** A routing rule as stored; 404 when there is none with this id. */
export async function findRule(deps: AppDeps, id: string) {
  const r = await deps.models.RoutingRule.findById(id).lean();
  if (!r) throw fail('not_found', [], '派遣规则不存在');
  return r;
}

export type RoutingRuleRecord = Awaited<ReturnType<typeof findRule>>;
