import type { UpdateWasteItemRequest } from '@cgt/shared/schemas/waste';
import type { AppDeps } from '../../deps.js';
import { isDuplicateKey } from '../../db/claims.js';
import type { IndexItem } from '../../domain/waste/search-index.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { actorOf, recordAudit } from '../../services/audit.js';
import { assertNameFree, indexedItem, loadLiveItem } from './common.js';

/**
 * 修改物品 (admins): name, category, aliases; marked edited so a re-seed keeps it. A new name another item
 * (or a removed one, by the unique index) already has → 409 waste_item_exists. The audit entry keeps before/after.
 */
export async function updateWasteItem(deps: AppDeps, by: StaffPrincipal, id: string, body: UpdateWasteItemRequest, ip: string): Promise<IndexItem> {
  const old = await loadLiveItem(deps, id);
  if (body.name !== undefined && body.name !== old.name) await assertNameFree(deps, body.name, id);
  const set: Record<string, unknown> = { edited: true };
  if (body.name !== undefined) set.name = body.name;
  if (body.category !== undefined) set.category = body.category;
  if (body.aliases !== undefined) set.aliases = body.aliases;
  try {
    await deps.models.WasteItem.updateOne({ _id: old._id }, { $set: set });
  } catch (err) {
    if (isDuplicateKey(err)) throw fail('waste_item_exists', [{ field: 'name', message: '已存在同名物品' }], '已存在同名物品（可能是已删除的物品）');
    throw err;
  }
  const item = await indexedItem(deps, id);
  await recordAudit(deps, {
    actor: actorOf(by),
    action: 'waste.item.update',
    targetType: 'waste_item',
    targetId: id,
    ip,
    details: { before: { name: old.name, category: old.category, aliases: old.aliases ?? [] }, after: body },
  });
  return item;
}
