import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { actorOf, recordAudit } from '../../services/audit.js';
import { getWasteSnapshot } from '../../services/waste-index.js';

/** 导出物品 (admins): every live item as a CSV row (name, category, categoryName, aliases joined by |), audited. */
export async function exportWasteItems(deps: AppDeps, by: StaffPrincipal, ip: string): Promise<string[][]> {
  const snap = await getWasteSnapshot(deps);
  const rows = [['name', 'category', 'categoryName', 'aliases']];
  for (const i of snap.index.items) rows.push([i.name, i.category, snap.categories[i.category].zh, i.aliases.join('|')]);
  await recordAudit(deps, { actor: actorOf(by), action: 'waste.item.export', targetType: 'waste_item', targetId: '', ip, details: { count: rows.length - 1 } });
  return rows;
}
