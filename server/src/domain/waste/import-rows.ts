import { WASTE_CATEGORY_IDS, WASTE_QUERY_MAX, type WasteCategoryId, type WasteImportRowError } from '@cgt/shared/schemas/waste';
import { parseCsv } from './csv.js';
import { normalizeText } from './normalize.js';

/** One validated import row; `row` is what the administrator sees (CSV line number, or 1-based JSON index). */
export interface ImportRow {
  row: number;
  name: string;
  category: WasteCategoryId;
  /** undefined = the file has no aliases column: keep the item's current aliases */
  aliases?: string[];
}

export interface RawRow {
  row: number;
  name?: unknown;
  category?: unknown;
  aliases?: unknown;
}

/** Chinese category names (and 干/湿垃圾, Shanghai's words) are accepted besides the ids. */
const CATEGORY_WORDS: Record<string, WasteCategoryId> = {
  可回收物: 'recyclable',
  可回收垃圾: 'recyclable',
  有害垃圾: 'hazardous',
  厨余垃圾: 'kitchen',
  湿垃圾: 'kitchen',
  其他垃圾: 'residual',
  干垃圾: 'residual',
};

export function parseCategory(v: string): WasteCategoryId | null {
  const t = v.trim();
  const lower = t.toLowerCase();
  if ((WASTE_CATEGORY_IDS as readonly string[]).includes(lower)) return lower as WasteCategoryId;
  return CATEGORY_WORDS[t] ?? null;
}

/** Aliases in one CSV cell are separated by | (or 、 ; ，), the same separator the export writes. */
export function splitAliases(v: string): string[] {
  return v
    .split(/[|、;；,，]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * CSV text → raw rows. The header must name the columns (name/名称, category/分类, aliases/别名; any
 * order). `row` is the CSV record number with the header as 1 (the line number unless a quoted cell
 * spans lines), blank records skipped but counted.
 */
export function csvToRawRows(text: string): { rows: RawRow[]; errors: WasteImportRowError[] } {
  const records = parseCsv(text);
  const blank = (r: string[]) => !r.some((c) => c.trim() !== '');
  const h = records.findIndex((r) => !blank(r));
  if (h < 0) return { rows: [], errors: [{ row: 1, field: 'header', message: '文件为空' }] };
  const header = records[h]!.map((c) => c.trim().toLowerCase());
  const col = (...names: string[]) => header.findIndex((c) => names.includes(c));
  const iName = col('name', '名称', '物品', '物品名称');
  const iCat = col('category', '分类', '类别');
  const iAli = col('aliases', '别名');
  if (iName < 0 || iCat < 0) {
    return { rows: [], errors: [{ row: h + 1, field: 'header', message: '表头必须包含 name（名称）和 category（分类）两列' }] };
  }
  const rows: RawRow[] = [];
  records.forEach((cells, i) => {
    if (i <= h || blank(cells)) return;
    rows.push({ row: i + 1, name: cells[iName] ?? '', category: cells[iCat] ?? '', aliases: iAli >= 0 ? (cells[iAli] ?? '') : undefined });
  });
  return { rows, errors: [] };
}

/**
 * Validates every row (all errors, not just the first) and catches names repeated within the file.
 * A leading ' that the export put before = + - @ (formula guard) is taken off again.
 */
export function validateImportRows(raw: RawRow[]): { valid: ImportRow[]; errors: WasteImportRowError[] } {
  const valid: ImportRow[] = [];
  const errors: WasteImportRowError[] = [];
  const seen = new Map<string, number>();
  for (const r of raw) {
    const rowErrors: WasteImportRowError[] = [];
    const name = typeof r.name === 'string' ? r.name.normalize('NFC').trim().replace(/\s+/g, ' ').replace(/^'(?=[=+\-@])/, '') : '';
    if (!name) rowErrors.push({ row: r.row, field: 'name', message: '物品名称不能为空' });
    else if (name.length > WASTE_QUERY_MAX) rowErrors.push({ row: r.row, field: 'name', message: `物品名称最多 ${WASTE_QUERY_MAX} 个字符` });
    const category = typeof r.category === 'string' ? parseCategory(r.category) : null;
    if (!category) rowErrors.push({ row: r.row, field: 'category', message: '分类必须是 recyclable/hazardous/kitchen/residual 或 可回收物/有害垃圾/厨余垃圾/其他垃圾' });
    let aliases: string[] | undefined;
    if (typeof r.aliases === 'string') aliases = splitAliases(r.aliases);
    else if (Array.isArray(r.aliases) && r.aliases.every((a) => typeof a === 'string')) aliases = (r.aliases as string[]).map((a) => a.trim()).filter(Boolean);
    else if (r.aliases !== undefined && r.aliases !== null) rowErrors.push({ row: r.row, field: 'aliases', message: '别名必须是文本或文本列表' });
    if (aliases) aliases = [...new Set(aliases.map((a) => a.normalize('NFC')))].filter((a) => a !== name);
    if (aliases && aliases.length > 10) rowErrors.push({ row: r.row, field: 'aliases', message: '别名最多 10 个' });
    if (aliases?.some((a) => a.length > WASTE_QUERY_MAX)) rowErrors.push({ row: r.row, field: 'aliases', message: `别名最多 ${WASTE_QUERY_MAX} 个字符` });
    if (name) {
      const key = normalizeText(name);
      const first = seen.get(key);
      if (first !== undefined) rowErrors.push({ row: r.row, field: 'name', message: `与第 ${first} 行的物品重复` });
      else seen.set(key, r.row);
    }
    if (rowErrors.length) errors.push(...rowErrors);
    else valid.push({ row: r.row, name, category: category!, ...(aliases ? { aliases } : {}) });
  }
  return { valid, errors };
}
