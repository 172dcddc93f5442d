import type { CreateReplyTemplateRequest } from '@cgt/shared/schemas/templates';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { auditTemplate, type ReplyTemplateRecord } from './common.js';

/** 新增常用语: stored with its author. */
export async function createTemplate(deps: AppDeps, by: StaffPrincipal, body: CreateReplyTemplateRequest, ip: string): Promise<ReplyTemplateRecord> {
  const doc = await deps.models.ReplyTemplate.create({ ...body, createdBy: by.userId, createdByName: by.displayName });
  await auditTemplate(deps, by, ip, 'reply_template.create', String(doc._id));
  return doc.toObject() as ReplyTemplateRecord;
}
