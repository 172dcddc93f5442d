import type { CreateReplyTemplateRequest, UpdateReplyTemplateRequest } from '@cgt/shared/schemas/templates';
import { http } from './request';
import type { Paged, ReplyTemplate } from './types';

/** 常用语 (reply templates) under /admin/reply-templates. */
const BASE = '/admin/reply-templates';

/** The templates the signed-in user sees; with a category only those that fit it, best fit first. */
export async function listTemplates(query: { categoryCode?: string } = {}): Promise<ReplyTemplate[]> {
  const res = await http.get<Paged<ReplyTemplate>>(BASE, { ...query });
  return res.items;
}

export function createTemplate(body: CreateReplyTemplateRequest): Promise<ReplyTemplate> {
  return http.post<ReplyTemplate>(BASE, body);
}

/** `categoryCode: null` / `categoryGroup: null` make the template general again. */
export function updateTemplate(id: string, body: UpdateReplyTemplateRequest): Promise<ReplyTemplate> {
  return http.patch<ReplyTemplate>(`${BASE}/${encodeURIComponent(id)}`, body);
}

export function deleteTemplate(id: string): Promise<void> {
  return http.del<void>(`${BASE}/${encodeURIComponent(id)}`);
}
