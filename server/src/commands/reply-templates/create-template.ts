import type { CreateReplyTemplateRequest } from '@cgt/shared/schemas/templates';
import { defaultTemplatePlace, type TemplatePlace } from '@cgt/shared/ticket/reply-templates';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { assertCategoryFit, assertRoomIn, auditTemplate, checkPlace, templateActor, type ReplyTemplateRecord } from './common.js';

/** 新增常用语: in the unit named (or the author's own), by someone who writes there, with its author. */
export async function createTemplate(deps: AppDeps, by: StaffPrincipal, body: CreateReplyTemplateRequest, ip: string): Promise<ReplyTemplateRecord> {
  const named: TemplatePlace | null = body.scope ? { scope: body.scope, districtCode: body.districtCode, departmentId: body.departmentId } : defaultTemplatePlace(templateActor(by));
  if (!named) throw fail('forbidden', [{ field: 'scope', message: '当前账号没有可维护常用语的单位' }], '当前账号没有可维护常用语的单位');
  const place = await checkPlace(deps, by, named);
  await assertCategoryFit(deps, body);
  await assertRoomIn(deps, place.scopeKey!);
  const doc = await deps.models.ReplyTemplate.create({
    title: body.title,
    text: body.text,
    categoryCode: body.categoryCode,
    categoryGroup: body.categoryGroup,
    ...place,
    createdBy: by.userId,
    createdByName: by.displayName,
  });
  await auditTemplate(deps, by, ip, 'reply_template.create', String(doc._id), { title: body.title, scope: place.scopeKey });
  return doc.toObject() as ReplyTemplateRecord;
}
