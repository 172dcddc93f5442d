import { z } from 'zod';
import { shortText } from '../format/short-text';
import { AdminPoiListQuery, LatLngSchema, NearbyBaseQuery, OpeningHoursSchema, PoiCommonFields } from './parking';
import { QueryFlag } from './common';

/**
 * Public toilets (找厕所): nearby search under /api/v1/toilets, administration under /api/v1/admin/toilets.
 * A resident's problem report is a 随手拍 ticket with category TOILET_REPORT_CATEGORY at the toilet's location.
 */

export const TOILET_KINDS = ['固定', '移动', '沿街开放单位'] as const;
export const ToiletKind = z.enum(TOILET_KINDS, { message: `类型必须是 ${TOILET_KINDS.join('、')} 之一` });
/** 公厕问题 (local extension category): what 报告问题 pre-fills in the 随手拍 form */
export const TOILET_REPORT_CATEGORY = '90004';

export const ToiletNearbyQuery = NearbyBaseQuery.extend({
  openNow: QueryFlag.optional(),
  accessible: QueryFlag.optional(),
  babyRoom: QueryFlag.optional(),
  thirdRestroom: QueryFlag.optional(),
});
export type ToiletNearbyQuery = z.infer<typeof ToiletNearbyQuery>;

export const ToiletView = z.object({
  ...PoiCommonFields,
  kind: ToiletKind,
  /** open 24 hours (same as openingHours.is24h) */
  open24h: z.boolean(),
  /** 无障碍 */
  accessible: z.boolean(),
  /** 第三卫生间 */
  thirdRestroom: z.boolean(),
  /** 母婴室 */
  babyRoom: z.boolean(),
  managingUnit: z.string(),
});
export type ToiletView = z.infer<typeof ToiletView>;

export const ToiletNearbyItem = ToiletView.extend({ distanceMeters: z.number().int() });
export const ToiletNearbyResponse = z.object({
  items: z.array(ToiletNearbyItem),
  origin: z.object({ lat: z.number(), lng: z.number() }),
  demo: z.boolean(),
  /** category code for 报告问题 */
  reportCategory: z.string(),
});
export type ToiletNearbyResponse = z.infer<typeof ToiletNearbyResponse>;

const text = (max: number, label: string) => shortText(label, `${label}必须是文本`).max(max, `${label}最多 ${max} 个字`);
const toiletFields = {
  name: text(60, '名称').min(1, '请填写名称'),
  address: text(120, '地址'),
  location: LatLngSchema,
  coordSys: z.enum(['gcj02', 'wgs84']),
  kind: ToiletKind,
  openingHours: OpeningHoursSchema,
  accessible: z.boolean(),
  thirdRestroom: z.boolean(),
  babyRoom: z.boolean(),
  managingUnit: text(60, '管理单位'),
};
export const ToiletWriteRequest = z.object({
  ...toiletFields,
  address: toiletFields.address.default(''),
  coordSys: toiletFields.coordSys.default('gcj02'),
  openingHours: OpeningHoursSchema.default({ is24h: true, rules: [] }),
  accessible: z.boolean().default(false),
  thirdRestroom: z.boolean().default(false),
  babyRoom: z.boolean().default(false),
  managingUnit: toiletFields.managingUnit.default(''),
});
export const ToiletPatchRequest = z
  .object(toiletFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, '请至少修改一项');
export const ToiletListQuery = AdminPoiListQuery;
export const ToiletListResponse = z.object({ items: z.array(ToiletView), total: z.number().int() });
