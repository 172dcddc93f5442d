import { z } from 'zod';

/** Problem categories (/api/v1/categories, /api/v1/admin/categories/:code). */

export const CategoryView = z.object({
  code: z.string(),
  name: z.string(),
  group: z.string(),
  groupName: z.string(),
  /** handling time limit in working hours */
  slaHours: z.number(),
  urgent: z.boolean(),
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
    active: z.boolean(),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, '至少修改一项');
export type PatchCategoryRequest = z.infer<typeof PatchCategoryRequest>;
