import type { UpdateWasteCategoryRequest, WasteCategoryId } from '@cgt/shared/schemas/waste';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { actorOf, recordAudit } from '../../services/audit.js';
import { getWasteSnapshot, wasteItemsChanged, type WasteSnapshot } from '../../services/waste-index.js';

/** 修改分类指南 (admins): description and tips of one of the four categories. Returns the rebuilt snapshot. */
export async function updateWasteCategory(deps: AppDeps, by: StaffPrincipal, id: WasteCategoryId, body: UpdateWasteCategoryRequest, ip: string): Promise<WasteSnapshot> {
  const set: Record<string, unknown> = {};
  if (body.descriptionZh !== undefined) set.descriptionZh = body.descriptionZh;
  if (body.tipsZh !== undefined) set.tipsZh = body.tipsZh;
  const res = await deps.models.WasteCategory.updateOne({ _id: id }, { $set: set });
  if (res.matchedCount === 0) throw fail('not_found', [], '分类不存在');
  await wasteItemsChanged(deps);
  await recordAudit(deps, { actor: actorOf(by), action: 'waste.category.update', targetType: 'waste_category', targetId: id, ip, details: set });
  return getWasteSnapshot(deps);
}
