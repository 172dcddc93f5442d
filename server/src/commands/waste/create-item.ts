import type { CreateWasteItemRequest } from '@cgt/shared/schemas/waste';
import type { AppDeps } from '../../deps.js';
import { isDuplicateKey } from '../../db/claims.js';
import type { IndexItem } from '../../domain/waste/search-index.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { actorOf, recordAudit } from '../../services/audit.js';
import { assertNameFree, indexedItem } from './common.js';

/**
 * 新增物品 (admins): a name that search already finds → 409 waste_item_exists (also when two requests race
 * and the unique index refuses the second). A removed seed item keeps its tombstone (see the model):
 * adding it again revives it.
 */
export async function createWasteItem(deps: AppDeps, by: StaffPrincipal, body: CreateWasteItemRequest, ip: string): Promise<IndexItem> {
  await assertNameFree(deps, body.name);
  const fields = { category: body.category, aliases: body.aliases, edited: true, deleted: false };
  let id: string;
  const tomb = await deps.models.WasteItem.findOne({ name: body.name, deleted: true }, { _id: 1 }).lean();
  if (tomb) {
    await deps.models.WasteItem.updateOne({ _id: tomb._id, deleted: true }, { $set: fields });
    id = String(tomb._id);
  } else {
    try {
      id = String((await deps.models.WasteItem.create({ name: body.name, ...fields }))._id);
    } catch (err) {
      if (isDuplicateKey(err)) throw fail('waste_item_exists', [{ field: 'name', message: '已存在同名物品' }], '已存在同名物品');
      throw err;
    }
  }
  const item = await indexedItem(deps, id);
  await recordAudit(deps, { actor: actorOf(by), action: 'waste.item.create', targetType: 'waste_item', targetId: id, ip, details: { name: body.name, category: body.category } });
  return item;
}
