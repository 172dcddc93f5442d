import type { ReplyTemplate } from '@cgt/shared/schemas/templates';
import type { ReplyTemplateRecord } from '../commands/reply-templates/common.js';

export function presentReplyTemplate(t: ReplyTemplateRecord): ReplyTemplate {
  return {
    id: String(t._id),
    title: t.title,
    text: t.text,
    categoryCode: t.categoryCode ?? undefined,
    createdBy: t.createdBy,
    updatedAt: (t.updatedAt ?? new Date(0)).toISOString(),
  };
}
