import type { Context } from 'koa';
import { WasteImportJsonRequest, type WasteImportResponse } from '@cgt/shared/schemas/waste';
import { csvToRawRows, type RawRow } from '../../domain/waste/import-rows.js';
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
