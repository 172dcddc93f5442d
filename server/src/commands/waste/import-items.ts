import type { z } from 'zod';
import type { WasteImportQuery, WasteImportResponse } from '@cgt/shared/schemas/waste';
import type { AppDeps } from '../../deps.js';
import { validateImportRows, type ImportRow, type RawRow } from '../../domain/waste/import-rows.js';
import { normalizeText } from '../../domain/waste/normalize.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { actorOf, recordAudit } from '../../services/audit.js';
import { wasteItemsChanged } from '../../services/waste-index.js';

export interface WasteImportInput {
  rows: RawRow[];
  /** problems of the file itself (its header), found while reading it */
  headerErrors: WasteImportResponse['errors'];
  mode: z.infer<typeof WasteImportQuery>['mode'];
}

/**
 * 批量导入物品 (admins). A bad header, or any bad row in all-or-nothing mode, → 422 import_invalid listing
 * the rows, and nothing is written; valid-only writes the good rows and returns the bad ones. Audited
 * either way it writes (also when no row changed anything).
 */
export async function importWasteItems(deps: AppDeps, by: StaffPrincipal, input: WasteImportInput, ip: string): Promise<WasteImportResponse> {
  if (input.headerErrors.length) throw fail('import_invalid', input.headerErrors, input.headerErrors[0]!.message);
  const { valid, errors } = validateImportRows(input.rows);
  if (errors.length && input.mode !== 'valid-only') {
    throw fail('import_invalid', errors, `有 ${new Set(errors.map((e) => e.row)).size} 行数据有误，未导入任何数据`);
  }
  const result = valid.length ? await upsertRows(deps, valid) : { created: 0, updated: 0, unchanged: 0 };
  if (result.created || result.updated) await wasteItemsChanged(deps);
  await recordAudit(deps, { actor: actorOf(by), action: 'waste.item.import', targetType: 'waste_item', targetId: '', ip, details: { ...result, rejected: errors.length, mode: input.mode } });
  return { ...result, errors };
}

function sameAliases(a: string[] | undefined, b: string[]): boolean {
  const x = a ?? [];
  return x.length === b.length && x.every((v, i) => v === b[i]);
}

/**
 * Upserts validated rows by name (matched like the search does: case and width ignored, so "cpu"
 * updates "CPU"). Imported items are marked edited so a later re-seed keeps them; a row naming a
 * removed item brings it back. Each write is one single-document operation (no transactions on
 * FerretDB): rows are validated before anything is written, so only an I/O failure can stop midway.
 */
export async function upsertRows(deps: AppDeps, rows: ImportRow[]): Promise<Omit<WasteImportResponse, 'errors'>> {
  const existing = await deps.models.WasteItem.find({}, { name: 1, category: 1, aliases: 1, deleted: 1 }).lean();
  const byKey = new Map(existing.map((e) => [normalizeText(e.name), e]));
  const inserts: { name: string; category: string; aliases: string[]; edited: true }[] = [];
  const updates: Parameters<typeof deps.models.WasteItem.bulkWrite>[0] = [];
  let unchanged = 0;
  for (const r of rows) {
    const old = byKey.get(normalizeText(r.name));
    if (!old) {
      inserts.push({ name: r.name, category: r.category, aliases: r.aliases ?? [], edited: true });
      continue;
    }
    const aliases = r.aliases ?? old.aliases ?? [];
    if (!old.deleted && old.category === r.category && sameAliases(old.aliases, aliases)) {
      unchanged++;
      continue;
    }
    updates.push({ updateOne: { filter: { _id: old._id }, update: { $set: { category: r.category, aliases, edited: true, deleted: false } } } });
  }
  for (let i = 0; i < inserts.length; i += 1000) await deps.models.WasteItem.insertMany(inserts.slice(i, i + 1000), { ordered: false });
  for (let i = 0; i < updates.length; i += 500) await deps.models.WasteItem.bulkWrite(updates.slice(i, i + 500), { ordered: false });
  return { created: inserts.length, updated: updates.length, unchanged };
}
