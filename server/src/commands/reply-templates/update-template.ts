import type { UpdateReplyTemplateRequest } from '@cgt/shared/schemas/templates';
import { mayEditTemplate } from '@cgt/shared/ticket/reply-templates';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { assertCategoryFit, assertRoomIn, auditTemplate, checkPlace, loadTemplate, placeOfRecord, templateActor, type ReplyTemplateRecord } from './common.js';

/** 403 unless the principal is the template's author (still writing in its unit) or an admin. */
export function assertMayEdit(by: StaffPrincipal, t: ReplyTemplateRecord): void {
  if (mayEditTemplate(templateActor(by), placeOfRecord(t))) return;
  const message = t.builtIn ? '系统预置的常用语只有管理员可以修改' : `只有创建人（${t.createdByName || '未知'}）和管理员可以修改该常用语`;
  throw fail('forbidden', [{ field: 'id', message }], message);
}

/**
 * 修改常用语: `categoryCode: null` / `categoryGroup: null` make it general again; a new `scope` moves it
 * (where the editor may write). 404 for an unknown id, 403 for someone else's.
 */
export async function updateTemplate(deps: AppDeps, by: StaffPrincipal, id: string, body: UpdateReplyTemplateRequest, ip: string): Promise<ReplyTemplateRecord> {
  const current = await loadTemplate(deps, id);
  assertMayEdit(by, current);
  const set: Record<string, unknown> = {};
  const unset: Record<string, 1> = {};
  if (body.title !== undefined) set.title = body.title;
  if (body.text !== undefined) set.text = body.text;
  for (const field of ['categoryCode', 'categoryGroup'] as const) {
    const v = body[field];
    if (v === null) unset[field] = 1;
    else if (v !== undefined) set[field] = v;
  }
  // a template fits a category or a group, never both: naming one clears the other
  if (typeof set.categoryCode === 'string') unset.categoryGroup = 1;
  if (typeof set.categoryGroup === 'string') unset.categoryCode = 1;
  await assertCategoryFit(deps, { categoryCode: set.categoryCode as string | undefined, categoryGroup: set.categoryGroup as string | undefined });
  if (body.scope) {
    const place = await checkPlace(deps, by, { scope: body.scope, districtCode: body.districtCode, departmentId: body.departmentId });
    if (place.scopeKey !== current.scopeKey) await assertRoomIn(deps, place.scopeKey!);
    for (const [k, v] of Object.entries(place)) {
      if (v === undefined) unset[k] = 1;
      else set[k] = v;
    }
  }
  const update: Record<string, unknown> = {};
  if (Object.keys(set).length) update.$set = set;
  if (Object.keys(unset).length) update.$unset = unset;
  const doc = (await deps.models.ReplyTemplate.findByIdAndUpdate(id, update, { returnDocument: 'after' }).lean()) as ReplyTemplateRecord | null;
  if (!doc) throw fail('not_found', [], '常用语不存在');
  await auditTemplate(deps, by, ip, 'reply_template.update', id, { fields: Object.keys(body) });
  return doc;
}
