import type { ReplyTemplate } from '@cgt/shared/schemas/templates';
import type { ReplyTemplateRecord } from '../commands/reply-templates/common.js';

/** `editable`: may the caller change it (the list and each write compute it with the shared rule). */
export function presentReplyTemplate(t: ReplyTemplateRecord, editable: boolean): ReplyTemplate {
  return {
    id: String(t._id),
    title: t.title,
    text: t.text,
    categoryCode: t.categoryCode ?? undefined,
    categoryGroup: t.categoryGroup ?? undefined,
    scope: t.scope ?? 'city',
    districtCode: t.districtCode ?? undefined,
    departmentId: t.departmentId ?? undefined,
    createdBy: t.createdBy,
    createdByName: t.createdByName ?? '',
    builtIn: !!t.builtIn,
    editable,
    updatedAt: (t.updatedAt ?? new Date(0)).toISOString(),
  };
}
