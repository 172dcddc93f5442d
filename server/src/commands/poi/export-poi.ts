import type { z } from 'zod';
import { gcj02ToWgs84 } from '@cgt/shared/geo/coords';
import { formatOpeningHours } from '@cgt/shared/poi/opening-hours';
import type { ExportQuery } from '@cgt/shared/schemas/parking';
import type { AppDeps } from '../../deps.js';
import { COLUMNS, type PoiType } from '../../domain/poi/import-rows.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { actorOf, recordAudit } from '../../services/audit.js';
import { getPoiSnapshot } from '../../services/poi-index.js';
import { POI_STORES } from './kinds.js';

export type PoiExportRecord = Record<string, string | number | boolean>;

/**
 * 导出停车场 / 公厕 (admins): every place by name, one record per place with the import columns (in the
 * requested coordinate system, so the file imports back) plus districtCode, districtName and demo. Audited.
 */
export async function exportPoi(deps: AppDeps, by: StaffPrincipal, type: PoiType, query: z.infer<typeof ExportQuery>, ip: string): Promise<PoiExportRecord[]> {
  const store = POI_STORES[type];
  const columns = COLUMNS[type];
  const snap = await getPoiSnapshot(deps);
  const entries = [...store.entries(snap)].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
  const records: PoiExportRecord[] = entries.map((e) => {
    const loc = query.coordSys === 'wgs84' ? gcj02ToWgs84(e.location) : e.location;
    const rec: PoiExportRecord = {};
    for (const c of columns) {
      if (c === 'lat') rec.lat = Number(loc.lat.toFixed(7));
      else if (c === 'lng') rec.lng = Number(loc.lng.toFixed(7));
      else if (c === 'coordSys') rec.coordSys = query.coordSys;
      else if (c === 'openingHours') rec.openingHours = formatOpeningHours(e.openingHours);
      else rec[c] = (e as unknown as PoiExportRecord)[c] ?? '';
    }
    return { ...rec, districtCode: e.districtCode, districtName: e.districtName, demo: e.demo };
  });
  await recordAudit(deps, { actor: actorOf(by), action: `${store.auditTarget}.export`, targetType: store.auditTarget, targetId: '', ip, details: { count: records.length, format: query.format } });
  return records;
}
