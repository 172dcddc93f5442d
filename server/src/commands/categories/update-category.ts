import type { PatchCategoryRequest } from '@cgt/shared/schemas/categories';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { actorOf, recordAudit } from '../../services/audit.js';
import { getCategory, type CategoryInfo } from '../../services/categories.js';

/**
 * 修改类别 (admins): SLA, its clock (natural / working hours), notice, urgency or active. Marked edited so a re-seed keeps the change; the audit
 * entry keeps the previous values. 404 for an unknown code.
 */
export async function updateCategory(deps: AppDeps, by: StaffPrincipal, code: string, body: PatchCategoryRequest, ip: string): Promise<CategoryInfo> {
  const before = await getCategory(deps, code);
  if (!before) throw fail('not_found', [], '类别不存在');
  await deps.models.Category.updateOne({ _id: code }, { $set: { ...body, edited: true } });
  await recordAudit(deps, {
    actor: actorOf(by),
    action: 'category.update',
    targetType: 'category',
    targetId: code,
    ip,
    details: { changes: body, before: { slaHours: before.slaHours, urgent: before.urgent, clock: before.clock, active: before.active } },
  });
  return (await getCategory(deps, code))!;
}
