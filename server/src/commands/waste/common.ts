import { OBJECT_ID_RE } from '@cgt/shared/schemas/common';
import type { AppDeps } from '../../deps.js';
import { normalizeText } from '../../domain/waste/normalize.js';
import type { IndexItem } from '../../domain/waste/search-index.js';
import { fail } from '../../http/errors.js';
import { getWasteSnapshot, wasteItemsChanged } from '../../services/waste-index.js';

/** A waste item that has not been removed; 404 otherwise (an id that cannot exist included). */
export async function loadLiveItem(deps: AppDeps, id: string) {
  if (!OBJECT_ID_RE.test(id)) throw fail('not_found', [], '物品不存在');
  const doc = await deps.models.WasteItem.findById(id).lean();
  if (!doc || doc.deleted) throw fail('not_found', [], '物品不存在');
  return doc;
}

/** Another live item already answers to this name (case/width-insensitive, as search sees it)? 409 waste_item_exists. */
export async function assertNameFree(deps: AppDeps, name: string, exceptId?: string): Promise<void> {
  const snap = await getWasteSnapshot(deps);
  const key = normalizeText(name);
  for (const pos of snap.index.exact.get(key) ?? []) {
    const k = snap.index.keys[pos]!;
    const item = snap.index.items[k.entry]!;
    if (!k.alias && item.id !== exceptId) throw fail('waste_item_exists', [{ field: 'name', message: '已存在同名物品' }], `已存在同名物品：${item.name}`);
  }
}

/** After a write: the search index is rebuilt, and the item is returned as the index now holds it. */
export async function indexedItem(deps: AppDeps, id: string): Promise<IndexItem> {
  await wasteItemsChanged(deps);
  return (await getWasteSnapshot(deps)).byId.get(id)!;
}
