import type { UpdateReplyTemplateRequest } from '@cgt/shared/schemas/templates';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { assertTemplateId, auditTemplate, type ReplyTemplateRecord } from './common.js';

/** 修改常用语: `categoryCode: null` makes it general again. 404 for an unknown id. */
export async function updateTemplate(deps: AppDeps, by: StaffPrincipal, id: string, body: UpdateReplyTemplateRequest, ip: string): Promise<ReplyTemplateRecord> {
  assertTemplateId(id);
  const set: Record<string, unknown> = {};
  const unset: Record<string, 1> = {};
  if (body.title !== undefined) set.title = body.title;
  if (body.text !== undefined) set.text = body.text;
  if (body.categoryCode === null) unset.categoryCode = 1;
  else if (body.categoryCode !== undefined) set.categoryCode = body.categoryCode;
  const update: Record<string, unknown> = { $set: set };
  if (Object.keys(unset).length) update.$unset = unset;
  const doc = (await deps.models.ReplyTemplate.findByIdAndUpdate(id, update, { returnDocument: 'after' }).lean()) as ReplyTemplateRecord | null;
  if (!doc) throw fail('not_found', [], '常用语不存在');
  await auditTemplate(deps, by, ip, 'reply_template.update', id);
  return doc;
}
