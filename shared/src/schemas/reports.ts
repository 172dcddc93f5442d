import { z } from 'zod';
import { shortText } from '../format/short-text';
import { ContactPhoneInput } from './phone';
import { TICKET_STATES } from '../ticket/machine';
import { SATISFACTION_LEVELS } from '../ticket/rating';
import { RESIDENT_TABS } from '../ticket/resident-tabs';
import { UploadRefSchema } from './uploads';
import { CursorQuery } from './common';

/** Resident API (/api/v1/reports): filing, "my reports", detail, rating, withdraw. */

export const MAX_DESCRIPTION = 500;
export const MAX_PHOTOS = 9;

export const TicketStatusSchema = z.enum(TICKET_STATES);
export const SatisfactionSchema = z.enum(SATISFACTION_LEVELS);

export const LocationInput = z.object({
  lat: z.number().min(-90, '纬度超出范围').max(90, '纬度超出范围'),
  lng: z.number().min(-180, '经度超出范围').max(180, '经度超出范围'),
  coordSys: z.enum(['gcj02', 'wgs84']).default('gcj02'),
});

export const CreateReportRequest = z.object({
  categoryCode: z.string().trim().regex(/^\d{5}$/, '问题类型编码应为 5 位数字'),
  description: z.string().trim().min(1, '请描述问题').max(MAX_DESCRIPTION, `描述最多 ${MAX_DESCRIPTION} 个字`),
  location: LocationInput,
  address: shortText('地址').max(200, '地址最多 200 个字').optional(),
  photoIds: z.array(z.string().trim().min(1).max(64)).max(MAX_PHOTOS, `最多上传 ${MAX_PHOTOS} 张照片`).default([]),
  /** mobile or landline with area code; stored without separators */
  contactPhone: ContactPhoneInput.optional(),
  anonymous: z.boolean().default(false),
});
export type CreateReportRequest = z.infer<typeof CreateReportRequest>;

export const IdempotencyHeader = z.object({
  'idempotency-key': z.string().min(8).max(128),
});

export const CodeName = z.object({ code: z.string(), name: z.string() });
export const ZoneRef = z.object({ code: z.string(), name: z.string(), demo: z.boolean().optional() });
export const DepartmentRef = z.object({ id: z.string(), name: z.string() });

export const DuplicateSuggestion = z.object({
  id: z.string(),
  trackingNo: z.string(),
  categoryCode: z.string(),
  distanceMeters: z.number(),
  createdAt: z.string(),
  status: TicketStatusSchema,
});
export type DuplicateSuggestion = z.infer<typeof DuplicateSuggestion>;

/**
 * What a resident learns about open reports of the same kind nearby: how many, which kind, how far and how
 * far along — never another resident's ticket id, tracking number or filing time (staff see those in the
 * console's 疑似重复 list, DuplicateSuggestion).
 */
export const NearbyOpenReport = z.object({
  categoryCode: z.string(),
  categoryName: z.string(),
  distanceMeters: z.number(),
  status: TicketStatusSchema,
  statusLabel: z.string(),
});
export type NearbyOpenReport = z.infer<typeof NearbyOpenReport>;

/** The sentence shown above those reports. */
export function nearbyOpenNotice(count: number): string {
  return `附近已有 ${count} 条同类问题正在处理`;
}

export const CreateReportResponse = z.object({
  id: z.string(),
  trackingNo: z.string(),
  status: TicketStatusSchema,
  district: CodeName,
  zone: ZoneRef.optional(),
  department: DepartmentRef.optional(),
  dueAt: z.string(),
  possibleDuplicates: z.array(NearbyOpenReport),
  /** 附近已有 N 条同类问题正在处理, when N > 0 */
  nearbyNotice: z.string().optional(),
});
export type CreateReportResponse = z.infer<typeof CreateReportResponse>;

export { UploadRefSchema };

export { CursorQuery, PageQuery } from './common';

/** GET /reports/mine: a cursor page, optionally of one tab (ticket/resident-tabs.ts; `all` or absent = every report). */
export const MyReportsQuery = CursorQuery.extend({
  group: z.enum(RESIDENT_TABS, { message: '分组应为 all、active、to_rate 或 done' }).optional(),
});
export type MyReportsQuery = z.infer<typeof MyReportsQuery>;

/** The fields every ticket list item and detail view opens with, resident or staff (see ./tickets). */
export const TicketHeadShape = {
  id: z.string(),
  trackingNo: z.string(),
  status: TicketStatusSchema,
  statusLabel: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  description: z.string(),
  address: z.string().optional(),
};

export const MyReportItem = z.object({
  ...TicketHeadShape,
  district: CodeName,
  createdAt: z.string(),
  dueAt: z.string(),
  rated: z.boolean(),
  thumbnailUrl: z.string().optional(),
});
/** 我的诉求, newest first; `nextCursor` null = no older reports (no total: counting would read the whole history). */
export const MyReportsResponse = z.object({ items: z.array(MyReportItem), nextCursor: z.string().nullable() });
export type MyReportItem = z.infer<typeof MyReportItem>;
export type MyReportsResponse = z.infer<typeof MyReportsResponse>;

/** Resident-safe timeline: no staff names (a role or department label instead), no internal notes. */
export const ResidentTimelineEntry = z.object({
  type: z.string(),
  label: z.string(),
  at: z.string(),
  actorLabel: z.string(),
  toStatus: TicketStatusSchema.optional(),
  reason: z.string().optional(),
  reply: z.string().optional(),
  satisfaction: SatisfactionSchema.optional(),
  photos: z.array(UploadRefSchema).optional(),
});
export type ResidentTimelineEntry = z.infer<typeof ResidentTimelineEntry>;

export const ResidentReply = z.object({
  at: z.string(),
  departmentName: z.string(),
  text: z.string(),
  photos: z.array(UploadRefSchema),
});
export type ResidentReply = z.infer<typeof ResidentReply>;

export const ReportDetail = z.object({
  ...TicketHeadShape,
  location: z.object({ lat: z.number(), lng: z.number() }),
  district: CodeName,
  zone: ZoneRef.optional(),
  /** district · street unit (geo/place-label.ts), shown with or without a typed address */
  place: z.string(),
  createdAt: z.string(),
  dueAt: z.string(),
  closedAt: z.string().optional(),
  anonymous: z.boolean(),
  photos: z.array(UploadRefSchema),
  afterPhotos: z.array(UploadRefSchema),
  replies: z.array(ResidentReply),
  timeline: z.array(ResidentTimelineEntry),
  satisfaction: z.object({ value: SatisfactionSchema, comment: z.string().optional(), at: z.string() }).optional(),
  reworkCount: z.number().int(),
  canRate: z.boolean(),
  canWithdraw: z.boolean(),
});
export type ReportDetail = z.infer<typeof ReportDetail>;

export const RatingRequest = z.object({
  satisfaction: SatisfactionSchema,
  comment: z.string().trim().max(200, '评价最多 200 个字').optional(),
});
export type RatingRequest = z.infer<typeof RatingRequest>;

export const WithdrawRequest = z.object({ reason: z.string().trim().max(200).optional() });
