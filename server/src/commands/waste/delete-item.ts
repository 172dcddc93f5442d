import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { actorOf, recordAudit } from '../../services/audit.js';
import { wasteItemsChanged } from '../../services/waste-index.js';
import { loadLiveItem } from './common.js';

/** 删除物品 (admins): leaves a tombstone so a re-seed does not bring it back. 404 for an unknown or removed item. */
export async function deleteWasteItem(deps: AppDeps, by: StaffPrincipal, id: string, ip: string): Promise<void> {
  const old = await loadLiveItem(deps, id);
  await deps.models.WasteItem.updateOne({ _id: old._id }, { $set: { deleted: true, edited: true } });
  await wasteItemsChanged(deps);
  await recordAudit(deps, { actor: actorOf(by), action: 'waste.item.delete', targetType: 'waste_item', targetId: id, ip, details: { name: old.name, category: old.category } });
}
