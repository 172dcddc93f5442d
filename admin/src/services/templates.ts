import { http } from './request';
import type { Paged, ReplyTemplate } from './types';

/** 常用语 (reply templates) CRUD under /admin/templates. */
const BASE = '/admin/templates';

export type TemplateInput = Omit<ReplyTemplate, 'id'>;

/** Accepts `{items,total}` or a bare array. */
export async function listTemplates(query: { q?: string; categoryCode?: string } = {}): Promise<ReplyTemplate[]> {
  const res = await http.get<Paged<ReplyTemplate> | ReplyTemplate[]>(BASE, { ...query, pageSize: 200 });
  return Array.isArray(res) ? res : res.items;
}

export function createTemplate(body: TemplateInput): Promise<ReplyTemplate> {
  return http.post<ReplyTemplate>(BASE, body);
}

export function updateTemplate(id: string, body: Partial<TemplateInput>): Promise<ReplyTemplate> {
  return http.patch<ReplyTemplate>(`${BASE}/${encodeURIComponent(id)}`, body);
}

export function deleteTemplate(id: string): Promise<void> {
  return http.del<void>(`${BASE}/${encodeURIComponent(id)}`);
}
