import { http } from './request';
import type { Paged, ReplyTemplate } from './types';

/** 常用语 (reply templates) CRUD under /admin/reply-templates. */
const BASE = '/admin/reply-templates';

export interface TemplateInput {
  title: string;
  text: string;
  categoryCode?: string;
}

/** All templates (optionally of one category); accepts `{items,total}` or a bare array. */
export async function listTemplates(query: { categoryCode?: string } = {}): Promise<ReplyTemplate[]> {
  const res = await http.get<Paged<ReplyTemplate> | ReplyTemplate[]>(BASE, { ...query });
  return Array.isArray(res) ? res : res.items;
}

export function createTemplate(body: TemplateInput): Promise<ReplyTemplate> {
  return http.post<ReplyTemplate>(BASE, body);
}

/** `categoryCode: null` makes the template general again. */
export function updateTemplate(id: string, body: Partial<Omit<TemplateInput, 'categoryCode'>> & { categoryCode?: string | null }): Promise<ReplyTemplate> {
  return http.patch<ReplyTemplate>(`${BASE}/${encodeURIComponent(id)}`, body);
}

export function deleteTemplate(id: string): Promise<void> {
  return http.del<void>(`${BASE}/${encodeURIComponent(id)}`);
}
