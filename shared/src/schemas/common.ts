import { z } from 'zod';

/** Building blocks several API schemas share. */

/** ?page=&pageSize= of a paged list (query-string values, hence coerced). */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1, '页码从 1 开始').default(1),
  pageSize: z.coerce.number().int().min(1).max(100, '每页最多 100 条').default(20),
});

/** `:id` of a record looked up by its stored id (ObjectId or not): any string up to 64 characters. */
export const AnyIdParams = z.object({ id: z.string().max(64) });
