import { z } from 'zod';
import { shortText } from '../format/short-text';
import { TEMPLATE_SCOPES } from '../ticket/reply-templates';
import { OBJECT_ID_RE, QueryFlag } from './common';

/** 常用语 (reply templates) for dispatchers and handlers: /api/v1/admin/reply-templates. */

export const TemplateScopeSchema = z.enum(TEMPLATE_SCOPES);

export const ReplyTemplate = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  categoryCode: z.string().optional(),
  /** two-digit major class: the template fits every category of that group */
  categoryGroup: z.string().optional(),
  scope: TemplateScopeSchema,
  districtCode: z.string().optional(),
  departmentId: z.string().optional(),
  createdBy: z.string(),
  createdByName: z.string(),
  /** preset by the system (the admins maintain it) */
  builtIn: z.boolean(),
  /** may the caller change or delete it (its author and admins) */
  editable: z.boolean(),
  updatedAt: z.string(),
});
export type ReplyTemplate = z.infer<typeof ReplyTemplate>;

const TITLE = shortText('标题').min(1, '请填写标题').max(50, '标题最多 50 个字');
const TEXT = z.string().trim().min(1, '请填写内容').max(1000, '内容最多 1000 个字');
const CATEGORY = z.string().trim().regex(/^\d{5}$/, '问题类型编码应为 5 位数字');
const GROUP = z.string().trim().regex(/^\d{2}$/, '问题大类编码应为 2 位数字');
const DISTRICT = z.string().trim().min(1, '请选择所属区县').max(32);
const DEPARTMENT = z.string().regex(OBJECT_ID_RE, '处置单位 ID 格式不正确');

/** Where it belongs; without `scope` the author's own unit (city centre: the city). */
const PLACE = {
  scope: TemplateScopeSchema.optional(),
  districtCode: DISTRICT.optional(),
  departmentId: DEPARTMENT.optional(),
};

function placeIssues(v: { scope?: string; districtCode?: string; departmentId?: string }, ctx: z.RefinementCtx): void {
  if (v.scope === 'district' && !v.districtCode) ctx.addIssue({ code: 'custom', path: ['districtCode'], message: '请选择所属区县' });
  if (v.scope === 'department' && !v.departmentId) ctx.addIssue({ code: 'custom', path: ['departmentId'], message: '请选择所属处置单位' });
}

export const CreateReplyTemplateRequest = z
  .object({ title: TITLE, text: TEXT, categoryCode: CATEGORY.optional(), categoryGroup: GROUP.optional(), ...PLACE })
  .superRefine((v, ctx) => {
    placeIssues(v, ctx);
    if (v.categoryCode && v.categoryGroup) ctx.addIssue({ code: 'custom', path: ['categoryGroup'], message: '问题类型与问题大类只能选一个' });
  });
export type CreateReplyTemplateRequest = z.infer<typeof CreateReplyTemplateRequest>;

export const UpdateReplyTemplateRequest = z
  .object({
    title: TITLE.optional(),
    text: TEXT.optional(),
    categoryCode: CATEGORY.nullable().optional(),
    categoryGroup: GROUP.nullable().optional(),
    ...PLACE,
  })
  .superRefine((v, ctx) => {
    if (Object.keys(v).length === 0) ctx.addIssue({ code: 'custom', path: [], message: '没有要修改的内容' });
    placeIssues(v, ctx);
    if (v.categoryCode && v.categoryGroup) ctx.addIssue({ code: 'custom', path: ['categoryGroup'], message: '问题类型与问题大类只能选一个' });
  });
export type UpdateReplyTemplateRequest = z.infer<typeof UpdateReplyTemplateRequest>;

export const ListReplyTemplatesQuery = z.object({
  /** only those that fit this category (its own, its group's, general), best fit first */
  categoryCode: CATEGORY.optional(),
  /** only those the caller may change */
  editable: QueryFlag.optional(),
});

export const ReplyTemplateListResponse = z.object({ items: z.array(ReplyTemplate), total: z.number().int() });
