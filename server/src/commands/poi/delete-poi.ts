import type { AppDeps } from '../../deps.js';
import type { PoiType } from '../../domain/poi/import-rows.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { actorOf, recordAudit } from '../../services/audit.js';
import { poiDataChanged } from '../../services/poi-index.js';
import { POI_STORES } from './kinds.js';

/** 删除停车场 / 公厕 (admins): 404 for an unknown id; a car park's last free-space reading goes with it. */
export async function deletePoi(deps: AppDeps, by: StaffPrincipal, type: PoiType, rawId: string, ip: string): Promise<void> {
  const store = POI_STORES[type];
  const id = rawId.toLowerCase();
  const res = await store.model(deps).deleteOne({ _id: id });
  if (res.deletedCount === 0) throw fail('not_found', [], `${store.label}不存在`);
  if (type === 'carPark') await deps.models.ParkingOccupancy.deleteOne({ _id: id });
  await poiDataChanged(deps);
  await recordAudit(deps, { actor: actorOf(by), action: `${store.auditTarget}.delete`, targetType: store.auditTarget, targetId: id, ip });
}
