import { z } from 'zod';

/** Building blocks several API schemas share. */

/** ?page=&pageSize= of a paged list (query-string values, hence coerced). */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1, '页码从 1 开始').default(1),
  pageSize: z.coerce.number().int().min(1).max(100, '每页最多 100 条').default(20),
});

/**
 * ?cursor=&pageSize= of a newest-first list read bucket by bucket (server/src/db/newest-first.ts): the
 * cursor is the previous page's `nextCursor` (the last item's time in ms, a dot, how many items at that
 * millisecond were shown).
 */
export const PAGE_CURSOR_RE = /^(\d{1,15})\.(\d{1,4})$/;
export const CursorQuery = z.object({
  cursor: z.string().regex(PAGE_CURSOR_RE, '翻页游标无效').optional(),
  pageSize: z.coerce.number().int().min(1).max(100, '每页最多 100 条').default(20),
});

/**
 * A stored record's id: a MongoDB ObjectId, 24 hexadecimal digits in either case (as `Types.ObjectId.isValid`
 * reads a string of 24). No regex flags: the OpenAPI document publishes `source` as its `pattern`.
 */
export const OBJECT_ID_RE = /^[0-9a-fA-F]{24}$/;
export const ObjectIdString = (message = 'id 格式不正确') => z.string().regex(OBJECT_ID_RE, message);
/** `:id` of a record stored under an ObjectId. */
export const ObjectIdParams = z.object({ id: ObjectIdString() });

/** `:id` of a record looked up by its stored id (ObjectId or not): any string up to 64 characters. */
export const AnyIdParams = z.object({ id: z.string().max(64) });

/** A yes/no query parameter: `true`/`1` or `false`/`0`. */
export const QueryFlag = z.enum(['true', 'false', '1', '0'], { message: '只能是 true 或 false' }).transform((v) => v === 'true' || v === '1');
