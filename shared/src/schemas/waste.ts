import { z } from 'zod';
import { shortText } from '../format/short-text';

/**
 * Waste sorting (垃圾分类): public search, category guide and quiz under /api/v1/waste, and the
 * administrators' item list / import / export / misses under /api/v1/admin/waste.
 */

export const WASTE_CATEGORY_IDS = ['recyclable', 'hazardous', 'kitchen', 'residual'] as const;
export const WasteCategoryId = z.enum(WASTE_CATEGORY_IDS, { message: '分类必须是 recyclable、hazardous、kitchen 或 residual' });
export type WasteCategoryId = z.infer<typeof WasteCategoryId>;

/**
 * The shipped item list is a demo taken from Shanghai's 2019 official lookup; the bureau imports its own
 * list in the console, which replaces it. Every screen that shows the list carries this notice.
 */
export const WASTE_NOTICE = '演示用分类清单，取自上海市生活垃圾分类标准；正式使用时以本地城管部门发布的清单为准（导入后替换本清单）';

/** Longest accepted search text (the longest item name in the list is 17 characters). */
export const WASTE_QUERY_MAX = 30;

export const WasteMatchedBy = z.enum(['exact', 'prefix', 'substring', 'pinyin', 'initials', 'alias', 'fuzzy']);
export type WasteMatchedBy = z.infer<typeof WasteMatchedBy>;

export const WasteSearchQuery = z.object({
  q: z
    .string({ message: '请输入要查询的物品名称' })
    .trim()
    .min(1, '请输入要查询的物品名称')
    .max(WASTE_QUERY_MAX, `查询内容最多 ${WASTE_QUERY_MAX} 个字符`),
  limit: z.coerce.number().int('limit 必须是整数').min(1, 'limit 最小为 1').max(50, 'limit 最大为 50').default(10),
});
export type WasteSearchQuery = z.infer<typeof WasteSearchQuery>;

export const WasteSearchItem = z.object({
  name: z.string(),
  category: WasteCategoryId,
  categoryName: z.string(),
  aliases: z.array(z.string()).optional(),
  matchedBy: WasteMatchedBy,
});
export type WasteSearchItem = z.infer<typeof WasteSearchItem>;

export const WasteHint = z.object({
  category: WasteCategoryId,
  name: z.string(),
  colorHex: z.string(),
  description: z.string(),
});
export type WasteHint = z.infer<typeof WasteHint>;

/**
 * `hints` only when nothing matched: the four categories, so the resident can still decide.
 * `suggestion` when the text is no listed name nor part of one but one name is close in sound or
 * spelling (塑料代 → 塑料袋): shown as "您要找的是不是：塑料袋".
 */
export const WasteSearchResponse = z.object({ items: z.array(WasteSearchItem), hints: z.array(WasteHint).optional(), suggestion: z.string().optional() });
export type WasteSearchResponse = z.infer<typeof WasteSearchResponse>;

export const WasteCategoryGuide = z.object({
  id: WasteCategoryId,
  order: z.number().int(),
  zh: z.string(),
  /** another common name, e.g. 湿垃圾 for 厨余垃圾 (Shanghai's wording) */
  zhAlias: z.string().optional(),
  en: z.string(),
  color: z.string(),
  colorZh: z.string(),
  colorHex: z.string(),
  descriptionZh: z.string(),
  tipsZh: z.array(z.string()),
  examples: z.array(z.string()),
});
export type WasteCategoryGuide = z.infer<typeof WasteCategoryGuide>;

export const WasteCategoriesResponse = z.object({ categories: z.array(WasteCategoryGuide), notice: z.string() });
export type WasteCategoriesResponse = z.infer<typeof WasteCategoriesResponse>;

export const WasteQuizQuery = z.object({
  n: z.coerce.number().int('n 必须是整数').min(1, 'n 最小为 1').max(30, 'n 最大为 30').default(10),
});

export const WasteQuizResponse = z.object({
  /** signed list of the question ids: the server keeps no quiz state */
  quizId: z.string(),
  questions: z.array(z.object({ id: z.string(), name: z.string() })),
  notice: z.string(),
});
export type WasteQuizResponse = z.infer<typeof WasteQuizResponse>;

export const WasteQuizAnswersRequest = z.object({
  quizId: z.string().min(1, '缺少 quizId').max(4096, 'quizId 过长'),
  answers: z
    .array(z.object({ id: z.string().min(1).max(64), category: WasteCategoryId }))
    .max(30, '答案最多 30 个'),
});
export type WasteQuizAnswersRequest = z.infer<typeof WasteQuizAnswersRequest>;

export const WasteQuizResult = z.object({
  id: z.string(),
  name: z.string(),
  /** null when the question was left unanswered */
  answer: WasteCategoryId.nullable(),
  correct: z.boolean(),
  category: WasteCategoryId,
  categoryName: z.string(),
  explanation: z.string(),
});
export type WasteQuizResult = z.infer<typeof WasteQuizResult>;

/** One answer checked as soon as it is given (the feedback after each question); the quiz is marked as a whole later. */
export const WasteQuizCheckRequest = z.object({
  quizId: z.string().min(1, '缺少 quizId').max(4096, 'quizId 过长'),
  id: z.string().min(1, '缺少题目编号').max(64, '题目编号过长'),
  category: WasteCategoryId,
});
export type WasteQuizCheckRequest = z.infer<typeof WasteQuizCheckRequest>;

export const WasteQuizAnswersResponse = z.object({
  score: z.number().int(),
  total: z.number().int(),
  results: z.array(WasteQuizResult),
});
export type WasteQuizAnswersResponse = z.infer<typeof WasteQuizAnswersResponse>;

// ---------------------------------------------------------------- administration

const ITEM_NAME = shortText('物品名称').min(1, '请填写物品名称').max(WASTE_QUERY_MAX, `物品名称最多 ${WASTE_QUERY_MAX} 个字符`);
const ALIASES = z
  .array(shortText('别名').min(1, '别名不能为空').max(WASTE_QUERY_MAX, `别名最多 ${WASTE_QUERY_MAX} 个字符`))
  .max(10, '别名最多 10 个');

export const WasteItemView = z.object({
  id: z.string(),
  name: z.string(),
  category: WasteCategoryId,
  categoryName: z.string(),
  aliases: z.array(z.string()),
  edited: z.boolean(),
});
export type WasteItemView = z.infer<typeof WasteItemView>;

export const WasteItemListQuery = z.object({
  q: z.string().trim().max(WASTE_QUERY_MAX).optional(),
  category: WasteCategoryId.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type WasteItemListQuery = z.infer<typeof WasteItemListQuery>;

export const WasteItemListResponse = z.object({ items: z.array(WasteItemView), total: z.number().int() });

export const CreateWasteItemRequest = z.object({ name: ITEM_NAME, category: WasteCategoryId, aliases: ALIASES.default([]) });
export type CreateWasteItemRequest = z.infer<typeof CreateWasteItemRequest>;

export const UpdateWasteItemRequest = z
  .object({ name: ITEM_NAME.optional(), category: WasteCategoryId.optional(), aliases: ALIASES.optional() })
  .refine((v) => v.name !== undefined || v.category !== undefined || v.aliases !== undefined, { message: '没有要修改的内容' });
export type UpdateWasteItemRequest = z.infer<typeof UpdateWasteItemRequest>;

/** JSON form of an import (the CSV form is `text/csv` with the header name,category,aliases). */
export const WasteImportJsonRequest = z.object({
  rows: z
    .array(z.object({ name: z.unknown().optional(), category: z.unknown().optional(), aliases: z.unknown().optional() }))
    .min(1, '没有要导入的数据')
    .max(5000, '一次最多导入 5000 行'),
});

export const WasteImportQuery = z.object({
  /** all-or-nothing by default; `valid-only` writes the good rows and reports the bad ones */
  mode: z.enum(['all-or-nothing', 'valid-only']).default('all-or-nothing'),
});

export const WasteImportRowError = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
export type WasteImportRowError = z.infer<typeof WasteImportRowError>;

export const WasteImportResponse = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(WasteImportRowError),
});
export type WasteImportResponse = z.infer<typeof WasteImportResponse>;

export const WasteMissView = z.object({ query: z.string(), count: z.number().int(), firstSeen: z.string(), lastSeen: z.string() });
export type WasteMissView = z.infer<typeof WasteMissView>;

export const WasteMissListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const WasteMissListResponse = z.object({ items: z.array(WasteMissView), total: z.number().int() });

export const UpdateWasteCategoryRequest = z
  .object({
    descriptionZh: z.string().trim().min(1, '说明不能为空').max(500, '说明最多 500 个字符').optional(),
    tipsZh: z.array(z.string().trim().min(1, '提示不能为空').max(200, '每条提示最多 200 个字符')).max(12, '提示最多 12 条').optional(),
  })
  .refine((v) => v.descriptionZh !== undefined || v.tipsZh !== undefined, { message: '没有要修改的内容' });
export type UpdateWasteCategoryRequest = z.infer<typeof UpdateWasteCategoryRequest>;

export const WasteCategoryIdParams = z.object({ id: WasteCategoryId });
