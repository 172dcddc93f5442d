import { z } from 'zod';
import { shortText } from '../format/short-text';

/** 常用语 (reply templates) for dispatchers and handlers: /api/v1/admin/reply-templates. */

export const ReplyTemplate = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  categoryCode: z.string().optional(),
  createdBy: z.string(),
  updatedAt: z.string(),
});
export type ReplyTemplate = z.infer<typeof ReplyTemplate>;

const TITLE = shortText('标题').min(1, '请填写标题').max(50, '标题最多 50 个字');
const TEXT = z.string().trim().min(1, '请填写内容').max(1000, '内容最多 1000 个字');
const CATEGORY = z.string().trim().regex(/^\d{5}$/, '问题类型编码应为 5 位数字');

export const CreateReplyTemplateRequest = z.object({ title: TITLE, text: TEXT, categoryCode: CATEGORY.optional() });
export type CreateReplyTemplateRequest = z.infer<typeof CreateReplyTemplateRequest>;

export const UpdateReplyTemplateRequest = z
  .object({ title: TITLE.optional(), text: TEXT.optional(), categoryCode: CATEGORY.nullable().optional() })
  .refine((v) => Object.keys(v).length > 0, { message: '没有要修改的内容' });
export type UpdateReplyTemplateRequest = z.infer<typeof UpdateReplyTemplateRequest>;

export const ListReplyTemplatesQuery = z.object({ categoryCode: CATEGORY.optional() });

export const ReplyTemplateListResponse = z.object({ items: z.array(ReplyTemplate), total: z.number().int() });
