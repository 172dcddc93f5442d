import { z } from 'zod';
import { SLA_CLOCKS } from '../calendar/working-time';

/** Problem categories (/api/v1/categories, /api/v1/admin/categories/:code). */

export const CategoryView = z.object({
  code: z.string(),
  name: z.string(),
  group: z.string(),
  groupName: z.string(),
  /** handling time limit, in hours of `clock` */
  slaHours: z.number(),
  urgent: z.boolean(),
  /** natural: 7×24 hours (urgent categories); working: working time, paused at night, weekends and holidays */
  clock: z.enum(SLA_CLOCKS),
  /** shown to the resident before filing ('' = none) */
  notice: z.string(),
  local: z.boolean(),
  active: z.boolean(),
});
export type CategoryView = z.infer<typeof CategoryView>;

export const ListCategoriesResponse = z.array(CategoryView);

export const CategoryCodeParams = z.object({ code: z.string().regex(/^\d{5}$/, '类别代码为 5 位数字') });

export const PatchCategoryRequest = z
  .object({
    slaHours: z.number().positive('时限须大于 0').max(24 * 365, '时限过长'),
    notice: z.string().trim().max(500, '提示最多 500 个字符'),
    urgent: z.boolean(),
    clock: z.enum(SLA_CLOCKS, { message: '计时方式应为 natural（自然小时）或 working（工作小时）' }),
    active: z.boolean(),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, '至少修改一项');
export type PatchCategoryRequest = z.infer<typeof PatchCategoryRequest>;
