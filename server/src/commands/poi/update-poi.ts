import type { AppDeps } from '../../deps.js';
import type { PoiType } from '../../domain/poi/import-rows.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { actorOf, recordAudit } from '../../services/audit.js';
import { getPoiSnapshot, poiDataChanged } from '../../services/poi-index.js';
import { POI_STORES, type PoiEntry } from './kinds.js';
import { placeFields } from './place.js';

/** 修改停车场 / 公厕 (admins): 404 for an unknown id; the audit entry names the changed fields. */
export async function updatePoi(deps: AppDeps, by: StaffPrincipal, type: PoiType, rawId: string, body: Record<string, unknown>, ip: string): Promise<PoiEntry> {
  const store = POI_STORES[type];
  const id = rawId.toLowerCase();
  const fields = await placeFields(deps, body);
  const res = await store.model(deps).updateOne({ _id: id }, { $set: fields });
  if (res.matchedCount === 0) throw fail('not_found', [], `${store.label}不存在`);
  await poiDataChanged(deps);
  await recordAudit(deps, { actor: actorOf(by), action: `${store.auditTarget}.update`, targetType: store.auditTarget, targetId: id, ip, details: { changed: Object.keys(fields) } });
  return store.byId(await getPoiSnapshot(deps), id)!;
}
