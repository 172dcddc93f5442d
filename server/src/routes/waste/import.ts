import type { Context } from 'koa';
import { WasteImportJsonRequest, type WasteImportResponse } from '@cgt/shared/schemas/waste';
import type { AppDeps } from '../../deps.js';
import { csvToRawRows, type ImportRow, type RawRow } from '../../domain/waste/import-rows.js';
import { normalizeText } from '../../domain/waste/normalize.js';
import { fail } from '../../http/errors.js';
import { parseOrThrow } from '../../http/validate.js';

const CSV_LIMIT_BYTES = 2 * 1024 * 1024;

/** Reads a text body that the JSON body parser left alone, refusing more than `limit` bytes. */
async function readText(ctx: Context, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw fail('payload_too_large', [], `文件过大（最多 ${limit / 1024 / 1024} MB）`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The request as raw rows: JSON `{rows:[…]}` (row = index + 1) or CSV text (row = CSV record number). */
export async function readImportRows(ctx: Context): Promise<{ rows: RawRow[]; headerErrors: WasteImportResponse['errors'] }> {
  if (ctx.is('application/json')) {
    const body = parseOrThrow(WasteImportJsonRequest, (ctx.request as { body?: unknown }).body ?? {}, 'body');
    return { rows: body.rows.map((r, i) => ({ row: i + 1, name: r.name, category: r.category, aliases: r.aliases })), headerErrors: [] };
  }
  if (ctx.is('text/csv', 'text/plain', 'application/csv')) {
    const { rows, errors } = csvToRawRows(await readText(ctx, CSV_LIMIT_BYTES));
    if (rows.length > 5000) throw fail('validation_failed', [{ field: 'body', message: '一次最多导入 5000 行' }], '一次最多导入 5000 行');
    return { rows, headerErrors: errors };
  }
  throw fail('unsupported_media_type', [], '请以 text/csv 或 application/json 提交导入数据');
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
export async function applyImport(deps: AppDeps, rows: ImportRow[]): Promise<Omit<WasteImportResponse, 'errors'>> {
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
