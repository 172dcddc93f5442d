import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { OBJECT_ID_RE, ObjectIdParams } from '@cgt/shared/schemas/common';
import {
  CreateWasteItemRequest,
  UpdateWasteCategoryRequest,
  UpdateWasteItemRequest,
  WasteCategoryGuide,
  WasteCategoryIdParams,
  WasteImportQuery,
  WasteImportResponse,
  WasteItemListQuery,
  WasteItemListResponse,
  WasteItemView,
  WasteMissListQuery,
  WasteMissListResponse,
} from '@cgt/shared/schemas/waste';
import type { AppDeps } from '../../deps.js';
import { isDuplicateKey } from '../../db/claims.js';
import { formatCsv } from '../../domain/waste/csv.js';
import { validateImportRows } from '../../domain/waste/import-rows.js';
import { normalizeText } from '../../domain/waste/normalize.js';
import { filterWaste } from '../../domain/waste/search-index.js';
import { fail } from '../../http/errors.js';
import { defineRoute } from '../../http/route.js';
import { actorOf, ipOf, recordAudit } from '../../services/audit.js';
import { getWasteSnapshot, wasteItemsChanged } from '../../services/waste-index.js';
import { applyImport, readImportRows } from './import.js';
import { presentGuide, presentItem } from './presenter.js';

const TAGS = ['垃圾分类管理'];
const IdParams = ObjectIdParams;
const OBJECT_ID = OBJECT_ID_RE;

async function loadLiveItem(deps: AppDeps, id: string) {
  if (!OBJECT_ID.test(id)) throw fail('not_found', [], '物品不存在');
  const doc = await deps.models.WasteItem.findById(id).lean();
  if (!doc || doc.deleted) throw fail('not_found', [], '物品不存在');
  return doc;
}

/** Another live item already answers to this name (case/width-insensitive, as search sees it)? */
async function assertNameFree(deps: AppDeps, name: string, exceptId?: string): Promise<void> {
  const snap = await getWasteSnapshot(deps);
  const key = normalizeText(name);
  for (const pos of snap.index.exact.get(key) ?? []) {
    const k = snap.index.keys[pos]!;
    const item = snap.index.items[k.entry]!;
    if (!k.alias && item.id !== exceptId) throw fail('waste_item_exists', [{ field: 'name', message: '已存在同名物品' }], `已存在同名物品：${item.name}`);
  }
}

/** Administrators correct the Shanghai list for local rules: items, bulk CSV, misses, category guide. */
export function registerWasteAdminRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/admin/waste/items',
    summary: '垃圾分类物品列表（名称/别名/拼音筛选，仅管理员）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    query: WasteItemListQuery,
    responses: { 200: { description: '物品列表', schema: WasteItemListResponse } },
    handler: async (_ctx, { query, deps }) => {
      const snap = await getWasteSnapshot(deps);
      const all = filterWaste(snap.index, query.q, query.category);
      const page = all.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
      return { items: page.map((i) => presentItem(i, snap)), total: all.length };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/admin/waste/items',
    summary: '新增物品（仅管理员）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    body: CreateWasteItemRequest,
    responses: { 201: { description: '已新增', schema: WasteItemView } },
    handler: async (ctx, { body, principal: p, deps }) => {
      await assertNameFree(deps, body.name);
      const fields = { category: body.category, aliases: body.aliases, edited: true, deleted: false };
      let id: string;
      // a removed seed item keeps its tombstone (see the model): adding it again revives it
      const tomb = await deps.models.WasteItem.findOne({ name: body.name, deleted: true }, { _id: 1 }).lean();
      if (tomb) {
        await deps.models.WasteItem.updateOne({ _id: tomb._id, deleted: true }, { $set: fields });
        id = String(tomb._id);
      } else {
        try {
          id = String((await deps.models.WasteItem.create({ name: body.name, ...fields }))._id);
        } catch (err) {
          if (isDuplicateKey(err)) throw fail('waste_item_exists', [{ field: 'name', message: '已存在同名物品' }], '已存在同名物品');
          throw err;
        }
      }
      await wasteItemsChanged(deps);
      await recordAudit(deps, { actor: actorOf(p), action: 'waste.item.create', targetType: 'waste_item', targetId: id, ip: ipOf(ctx), details: { name: body.name, category: body.category } });
      const snap = await getWasteSnapshot(deps);
      ctx.status = 201;
      return presentItem(snap.byId.get(id)!, snap);
    },
  });

  defineRoute(router, registry, deps, {
    method: 'patch',
    path: '/api/v1/admin/waste/items/:id',
    summary: '修改物品（名称、分类、别名；标记为人工修正，重新导入种子数据时保留）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    params: IdParams,
    body: UpdateWasteItemRequest,
    responses: { 200: { description: '已修改', schema: WasteItemView } },
    handler: async (ctx, { params, body, principal: p, deps }) => {
      const old = await loadLiveItem(deps, params.id);
      if (body.name !== undefined && body.name !== old.name) await assertNameFree(deps, body.name, params.id);
      const set: Record<string, unknown> = { edited: true };
      if (body.name !== undefined) set.name = body.name;
      if (body.category !== undefined) set.category = body.category;
      if (body.aliases !== undefined) set.aliases = body.aliases;
      try {
        await deps.models.WasteItem.updateOne({ _id: old._id }, { $set: set });
      } catch (err) {
        if (isDuplicateKey(err)) throw fail('waste_item_exists', [{ field: 'name', message: '已存在同名物品' }], '已存在同名物品（可能是已删除的物品）');
        throw err;
      }
      await wasteItemsChanged(deps);
      await recordAudit(deps, {
        actor: actorOf(p),
        action: 'waste.item.update',
        targetType: 'waste_item',
        targetId: params.id,
        ip: ipOf(ctx),
        details: { before: { name: old.name, category: old.category, aliases: old.aliases ?? [] }, after: body },
      });
      const snap = await getWasteSnapshot(deps);
      return presentItem(snap.byId.get(params.id)!, snap);
    },
  });

  defineRoute(router, registry, deps, {
    method: 'delete',
    path: '/api/v1/admin/waste/items/:id',
    summary: '删除物品（保留删除标记，重新导入种子数据时不会恢复）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    params: IdParams,
    responses: { 204: { description: '已删除' } },
    handler: async (ctx, { params, principal: p, deps }) => {
      const old = await loadLiveItem(deps, params.id);
      await deps.models.WasteItem.updateOne({ _id: old._id }, { $set: { deleted: true, edited: true } });
      await wasteItemsChanged(deps);
      await recordAudit(deps, { actor: actorOf(p), action: 'waste.item.delete', targetType: 'waste_item', targetId: params.id, ip: ipOf(ctx), details: { name: old.name, category: old.category } });
      ctx.status = 204;
      return undefined;
    },
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/admin/waste/items/export.csv',
    summary: '导出全部物品为 CSV（UTF-8 带 BOM，Excel 可直接打开；可再次导入）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    responses: { 200: { description: 'text/csv：name,category,categoryName,aliases（别名以 | 分隔）' } },
    handler: async (ctx, { principal: p, deps }) => {
      const snap = await getWasteSnapshot(deps);
      const rows = [['name', 'category', 'categoryName', 'aliases']];
      for (const i of snap.index.items) rows.push([i.name, i.category, snap.categories[i.category].zh, i.aliases.join('|')]);
      await recordAudit(deps, { actor: actorOf(p), action: 'waste.item.export', targetType: 'waste_item', targetId: '', ip: ipOf(ctx), details: { count: rows.length - 1 } });
      ctx.type = 'text/csv; charset=utf-8';
      ctx.set('Content-Disposition', 'attachment; filename="waste-items.csv"');
      return formatCsv(rows);
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/admin/waste/items/import',
    summary: '批量导入物品（CSV 文本或 JSON rows；默认有错误行则全部不写入，mode=valid-only 只写入正确行）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    query: WasteImportQuery,
    rawBody: {
      body: {
        content: {
          'text/csv': { schema: { type: 'string', description: '表头 name,category,aliases（或 名称,分类,别名）；别名以 | 分隔' } },
          'application/json': { schema: { type: 'object', properties: { rows: { type: 'array', items: { type: 'object' } } } } },
        },
      },
    },
    responses: { 200: { description: '导入结果（valid-only 时附错误行）', schema: WasteImportResponse } },
    handler: async (ctx, { query, principal: p, deps }) => {
      const { rows, headerErrors } = await readImportRows(ctx);
      if (headerErrors.length) throw fail('import_invalid', headerErrors, headerErrors[0]!.message);
      const { valid, errors } = validateImportRows(rows);
      if (errors.length && query.mode !== 'valid-only') {
        throw fail('import_invalid', errors, `有 ${new Set(errors.map((e) => e.row)).size} 行数据有误，未导入任何数据`);
      }
      const result = valid.length ? await applyImport(deps, valid) : { created: 0, updated: 0, unchanged: 0 };
      if (result.created || result.updated) await wasteItemsChanged(deps);
      await recordAudit(deps, { actor: actorOf(p), action: 'waste.item.import', targetType: 'waste_item', targetId: '', ip: ipOf(ctx), details: { ...result, rejected: errors.length, mode: query.mode } });
      return { ...result, errors };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/admin/waste/misses',
    summary: '查询无结果的搜索词（匿名统计，按次数排序）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    query: WasteMissListQuery,
    responses: { 200: { description: '未命中的搜索词', schema: WasteMissListResponse } },
    handler: async (_ctx, { query, deps }) => {
      const [docs, total] = await Promise.all([
        deps.models.WasteMiss.find({})
          .sort({ count: -1, lastSeen: -1, _id: 1 })
          .skip((query.page - 1) * query.pageSize)
          .limit(query.pageSize)
          .lean(),
        deps.models.WasteMiss.countDocuments({}),
      ]);
      return {
        items: docs.map((d) => ({ query: d._id, count: d.count, firstSeen: d.firstSeen.toISOString(), lastSeen: d.lastSeen.toISOString() })),
        total,
      };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'patch',
    path: '/api/v1/admin/waste/categories/:id',
    summary: '修改分类指南的说明与投放提示（仅管理员）',
    tags: TAGS,
    auth: { staff: ['admin'] },
    params: WasteCategoryIdParams,
    body: UpdateWasteCategoryRequest,
    responses: { 200: { description: '修改后的分类指南', schema: WasteCategoryGuide } },
    handler: async (ctx, { params, body, principal: p, deps }) => {
      const set: Record<string, unknown> = {};
      if (body.descriptionZh !== undefined) set.descriptionZh = body.descriptionZh;
      if (body.tipsZh !== undefined) set.tipsZh = body.tipsZh;
      const res = await deps.models.WasteCategory.updateOne({ _id: params.id }, { $set: set });
      if (res.matchedCount === 0) throw fail('not_found', [], '分类不存在');
      await wasteItemsChanged(deps);
      await recordAudit(deps, { actor: actorOf(p), action: 'waste.category.update', targetType: 'waste_category', targetId: params.id, ip: ipOf(ctx), details: set });
      const snap = await getWasteSnapshot(deps);
      return presentGuide(snap).find((c) => c.id === params.id)!;
    },
  });
}
