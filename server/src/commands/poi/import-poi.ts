import type { z } from 'zod';
import type { ImportQuery, ImportResponse } from '@cgt/shared/schemas/parking';
import type { AppDeps } from '../../deps.js';
import { validateRows, type PoiType, type RawRow, type RowError, type ValidRow } from '../../domain/poi/import-rows.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { actorOf, recordAudit } from '../../services/audit.js';
import { poiDataChanged } from '../../services/poi-index.js';
import { POI_STORES, type PoiStore } from './kinds.js';
import { districtResolver } from './place.js';

export interface PoiImportInput {
  rows: RawRow[];
  /** rows the file reader could not turn into values */
  readErrors: RowError[];
  mode: z.infer<typeof ImportQuery>['mode'];
  coordSys: z.infer<typeof ImportQuery>['coordSys'];
}

/**
 * 导入停车场 / 公厕 (admins). Every row is validated first: any error in all-or-nothing mode (or a file
 * with no usable row) → 422 import_invalid listing the rows, nothing written; valid-only writes the good
 * rows and returns the bad ones. The import is audited with its counts.
 */
export async function importPoi(deps: AppDeps, by: StaffPrincipal, type: PoiType, input: PoiImportInput, ip: string): Promise<z.infer<typeof ImportResponse>> {
  const store = POI_STORES[type];
  const { rows } = input;
  const { valid, errors: rowErrors } = validateRows(type, rows, input.coordSys, await districtResolver(deps));
  const errors = [...input.readErrors, ...rowErrors].sort((a, b) => a.row - b.row);
  if (errors.length && (input.mode !== 'valid-only' || errors.some((e) => e.row <= 1 && rows.length === 0))) {
    throw fail('import_invalid', errors, `有 ${new Set(errors.map((e) => e.row)).size} 行数据有误，未导入任何数据`);
  }
  const result = valid.length ? await applyImport(deps, store, valid as unknown as ValidRow<Record<string, unknown>>[]) : { created: 0, updated: 0, demoRemoved: 0 };
  if (valid.length) await poiDataChanged(deps);
  await recordAudit(deps, {
    actor: actorOf(by),
    action: `${store.auditTarget}.import`,
    targetType: store.auditTarget,
    targetId: '',
    ip,
    details: { ...result, rejected: errors.length, mode: input.mode },
  });
  return { ...result, errors };
}

/**
 * Writes validated rows: a row whose id names an existing real record updates it, every other row is
 * inserted; then every demo record of this kind is removed (real data replaces the generated set).
 * Inserts/updates first, so an interrupted import never leaves the map empty. No transactions on
 * FerretDB: all rows were validated before the first write, so only an I/O failure can stop midway.
 */
async function applyImport(deps: AppDeps, store: PoiStore, rows: ValidRow<Record<string, unknown>>[]): Promise<{ created: number; updated: number; demoRemoved: number }> {
  const model = store.model(deps);
  const existing = await model.find({}, { _id: 1, demo: 1 }).lean();
  const real = new Set(existing.filter((e) => !e.demo).map((e) => String(e._id)));
  const inserts: Record<string, unknown>[] = [];
  const updates: { updateOne: { filter: Record<string, unknown>; update: Record<string, unknown> } }[] = [];
  for (const r of rows) {
    const doc = { ...r.data, districtCode: r.districtCode, demo: false };
    if (r.id && real.has(r.id.toLowerCase())) updates.push({ updateOne: { filter: { _id: r.id.toLowerCase() }, update: { $set: doc } } });
    else inserts.push(doc);
  }
  for (let i = 0; i < inserts.length; i += 1000) await model.insertMany(inserts.slice(i, i + 1000), { ordered: false });
  for (let i = 0; i < updates.length; i += 500) await model.bulkWrite(updates.slice(i, i + 500), { ordered: false });
  const removed = await model.deleteMany({ demo: true });
  return { created: inserts.length, updated: updates.length, demoRemoved: removed.deletedCount };
}
