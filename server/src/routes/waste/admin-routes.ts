import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ObjectIdParams } from '@cgt/shared/schemas/common';
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
import { formatCsv } from '../../domain/waste/csv.js';
import { filterWaste } from '../../domain/waste/search-index.js';
import { defineRoute } from '../../http/route.js';
import { ipOf } from '../../services/audit.js';
import { getWasteSnapshot } from '../../services/waste-index.js';
import { createWasteItem } from '../../commands/waste/create-item.js';
import { deleteWasteItem } from '../../commands/waste/delete-item.js';
import { exportWasteItems } from '../../commands/waste/export-items.js';
import { importWasteItems } from '../../commands/waste/import-items.js';
import { updateWasteCategory } from '../../commands/waste/update-category.js';
import { updateWasteItem } from '../../commands/waste/update-item.js';
import { presentGuide, presentItem } from '../../presenters/waste.js';
import { readImportRows } from './import.js';

const TAGS = ['垃圾分类管理'];
const IdParams = ObjectIdParams;

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
      const item = await createWasteItem(deps, p, body, ipOf(ctx));
      ctx.status = 201;
      return presentItem(item, await getWasteSnapshot(deps));
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
      const item = await updateWasteItem(deps, p, params.id, body, ipOf(ctx));
      return presentItem(item, await getWasteSnapshot(deps));
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
      await deleteWasteItem(deps, p, params.id, ipOf(ctx));
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
      const rows = await exportWasteItems(deps, p, ipOf(ctx));
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
      return importWasteItems(deps, p, { rows, headerErrors, mode: query.mode }, ipOf(ctx));
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
      const snap = await updateWasteCategory(deps, p, params.id, body, ipOf(ctx));
      return presentGuide(snap).find((c) => c.id === params.id)!;
    },
  });
}
