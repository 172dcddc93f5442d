import { z } from 'zod';

/** GET /api/v1/routing/resolve: where a point belongs and which department would handle it. */

/** A decimal number given as a query string: '' and 'abc' are errors (z.coerce would turn '' into 0). */
function decimal(label: string, limit: number) {
  return z
    .string({ error: `请提供${label}` })
    .trim()
    .regex(/^[-+]?\d+(\.\d+)?$/, `${label}必须是十进制数字`)
    .transform(Number)
    .refine((v) => Math.abs(v) <= limit, `${label}须在 ±${limit} 之内`);
}

export const ResolveRoutingQuery = z.object({
  lat: decimal('纬度', 90),
  lng: decimal('经度', 180),
  coordSys: z.enum(['gcj02', 'wgs84']).default('gcj02'),
  categoryCode: z.string().regex(/^\d{5}$/, '类别代码为 5 位数字').optional(),
});
export type ResolveRoutingQuery = z.infer<typeof ResolveRoutingQuery>;

export const RoutingResolveResponse = z.object({
  district: z.object({ code: z.string(), name: z.string() }),
  zone: z.object({ code: z.string(), name: z.string(), demo: z.boolean() }).nullable(),
  /** the nearest street unit (街道/镇/乡) of the district whose seat is known; null when none is */
  street: z.object({ code: z.string(), name: z.string() }).nullable(),
  department: z.object({ id: z.string(), name: z.string() }).nullable(),
  ruleId: z.string().nullable(),
  reason: z.string(),
  /** the GCJ-02 point that was routed (after conversion from WGS-84) */
  point: z.object({ lat: z.number(), lng: z.number() }),
});
export type RoutingResolveResponse = z.infer<typeof RoutingResolveResponse>;
