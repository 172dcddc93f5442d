import { OBJECT_ID_RE } from '@cgt/shared/schemas/common';
import {
  TEMPLATES_PER_SCOPE_LIMIT,
  mayWriteTemplateIn,
  templateScopeKey,
  type TemplateActor,
  type TemplatePlace,
  type TemplateScope,
} from '@cgt/shared/ticket/reply-templates';
import { CATEGORY_GROUPS } from '@cgt/shared/categories/seed';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { actorOf, recordAudit } from '../../services/audit.js';

/** A 常用语 as stored. */
export interface ReplyTemplateRecord {
  _id: unknown;
  title: string;
  text: string;
  categoryCode?: string | null;
  categoryGroup?: string | null;
  scope?: TemplateScope | null;
  scopeKey?: string | null;
  districtCode?: string | null;
  departmentId?: string | null;
  createdBy: string;
  createdByName?: string | null;
  builtIn?: boolean | null;
  seedKey?: string | null;
  retired?: boolean | null;
  updatedAt?: Date | null;
}

/** The scope rules' view of a staff principal. */
export function templateActor(p: StaffPrincipal): TemplateActor {
  return { id: p.userId, roles: p.roles, districtCodes: p.districtCodes, departmentIds: p.departmentIds };
}

/** Records written before templates had a scope are the city's. */
export function placeOfRecord(t: ReplyTemplateRecord): TemplatePlace & { createdBy: string } {
  return { scope: t.scope ?? 'city', districtCode: t.districtCode, departmentId: t.departmentId, createdBy: t.createdBy };
}

/** An id that cannot name a template answers 404 like an unknown one. */
export function assertTemplateId(id: string): void {
  if (!OBJECT_ID_RE.test(id)) throw fail('not_found', [], '常用语不存在');
}

/** The live template by id (a retired built-in is gone for everyone), or 404. */
export async function loadTemplate(deps: AppDeps, id: string): Promise<ReplyTemplateRecord> {
  assertTemplateId(id);
  const doc = (await deps.models.ReplyTemplate.findById(id).lean()) as ReplyTemplateRecord | null;
  if (!doc || doc.retired) throw fail('not_found', [], '常用语不存在');
  return doc;
}

/**
 * Checks that the principal may write there and that the district, department and category exist, then
 * returns the stored place fields. 403 names the field that points where they may not write.
 */
export async function checkPlace(deps: AppDeps, by: StaffPrincipal, place: TemplatePlace): Promise<Record<string, string | undefined>> {
  if (!mayWriteTemplateIn(templateActor(by), place)) {
    const field = place.scope === 'city' ? 'scope' : place.scope === 'district' ? 'districtCode' : 'departmentId';
    const message = place.scope === 'city' ? '只有管理员和市指挥中心可以维护全市通用常用语' : place.scope === 'district' ? '只能为本人所属区县维护常用语' : '只能为本人所属处置单位维护常用语';
    throw fail('forbidden', [{ field, message }], message);
  }
  if (place.scope === 'district') {
    const found = await deps.models.District.findOne({ code: place.districtCode }, { code: 1 }).lean();
    if (!found) throw fail('unknown_district', [{ field: 'districtCode', message: `未知的区县或功能区代码 ${place.districtCode}` }]);
  }
  if (place.scope === 'department') {
    const found = await deps.models.Department.findById(place.departmentId, { _id: 1 }).lean();
    if (!found) throw fail('unknown_department', [{ field: 'departmentId', message: '处置单位不存在' }]);
  }
  return {
    scope: place.scope,
    scopeKey: templateScopeKey(place),
    districtCode: place.scope === 'district' ? (place.districtCode ?? undefined) : undefined,
    departmentId: place.scope === 'department' ? (place.departmentId ?? undefined) : undefined,
  };
}

/** 422 unknown_category for a code the catalogue does not hold (a category or a major class). */
export async function assertCategoryFit(deps: AppDeps, fit: { categoryCode?: string | null; categoryGroup?: string | null }): Promise<void> {
  if (fit.categoryCode && !(await deps.models.Category.findById(fit.categoryCode, { _id: 1 }).lean())) throw fail('unknown_category', [{ field: 'categoryCode', message: `问题类型 ${fit.categoryCode} 不存在` }]);
  if (fit.categoryGroup && !(fit.categoryGroup in CATEGORY_GROUPS)) throw fail('unknown_category', [{ field: 'categoryGroup', message: `问题大类 ${fit.categoryGroup} 不存在` }]);
}

/** A unit full of templates takes no more (every list stays one bounded read). */
export async function assertRoomIn(deps: AppDeps, scopeKey: string): Promise<void> {
  const n = await deps.models.ReplyTemplate.countDocuments({ scopeKey });
  if (n >= TEMPLATES_PER_SCOPE_LIMIT) throw fail('template_limit', [{ field: 'scope', message: `每个单位最多 ${TEMPLATES_PER_SCOPE_LIMIT} 条常用语，请先删除不再使用的` }]);
}

export function auditTemplate(deps: AppDeps, by: StaffPrincipal, ip: string, action: string, id: string, details?: Record<string, unknown>): Promise<void> {
  return recordAudit(deps, { actor: actorOf(by), action, targetType: 'reply_template', targetId: id, ip, details });
}
