import { z } from 'zod';
import { QueryFlag } from './common';
import { TICKET_ACTIONS, TICKET_STATES } from '../ticket/machine';
import { EXTENSION_ACTIONS, MAX_EXTENSION_WORKING_DAYS, MAX_EXTENSION_WORKING_HOURS } from '../ticket/extension';
import { StatDrillQuery, SupervisionSchema } from './stats';
import { TicketSourceRef } from './intake';
import { SLA_CLOCKS } from '../calendar/working-time';
import { CodeName, DepartmentRef, DuplicateSuggestion, SatisfactionSchema, TicketHeadShape, TicketStatusSchema, UploadRefSchema, ZoneRef } from './reports';

/** Staff API (/api/v1/admin/tickets): queue, detail, transitions. */

/**
 * The staff queue is ordered by its SLA clock, most urgent first (or last). These are the orders a page can
 * be found in without sorting a whole scope: the queue is kept in due-day buckets (server
 * domain/tickets/queue-cells.ts), so a page reads only the buckets that hold it, at any volume.
 */
export const TICKET_SORTS = ['dueAt', '-dueAt'] as const;

export const TicketListQuery = z.object({
  status: z.enum(TICKET_STATES).optional(),
  districtCode: z.string().trim().max(32).optional(),
  categoryCode: z.string().trim().regex(/^\d{5}$/, '问题类型编码应为 5 位数字').optional(),
  departmentId: z.string().trim().max(64).optional(),
  overdue: QueryFlag.optional(),
  q: z.string().trim().max(64).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  sort: z.enum(TICKET_SORTS).default('dueAt'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, '每页最多 100 条').default(20),
  /** drill-down from the statistics (schemas/stats.ts StatDrillQuery): from/to are then the period's days */
  ...StatDrillQuery.shape,
});
export type TicketListQuery = z.infer<typeof TicketListQuery>;

export const TicketListItem = z.object({
  ...TicketHeadShape,
  districtCode: z.string(),
  districtName: z.string(),
  zoneCode: z.string().optional(),
  zoneName: z.string().optional(),
  departmentId: z.string().optional(),
  departmentName: z.string().optional(),
  createdAt: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  /** hours left until dueAt on the ticket's clock (negative once overdue); absent when no longer running */
  remainingWorkingHours: z.number().optional(),
  /** what the hours count: natural (7×24, urgent categories) or working time */
  slaClock: z.enum(SLA_CLOCKS),
  /** where it came from: 市民随手拍, Open311 (with the key's name), or the intake desk's channel and number */
  source: TicketSourceRef,
  reworkCount: z.number().int(),
  /** 待审核: held by the content check (WeChat called its text or a photo risky) until a dispatcher releases it */
  contentHeld: z.boolean().optional(),
  version: z.number().int(),
  /** an open 督办: the queue shows it first with a red tag */
  supervision: SupervisionSchema.optional(),
  /** drill-down lists: when the counted event happened (ISO) */
  statAt: z.string().optional(),
});
export type TicketListItem = z.infer<typeof TicketListItem>;

export const TicketCounts = z.object({
  submitted: z.number().int(),
  accepted: z.number().int(),
  dispatched: z.number().int(),
  resolved: z.number().int(),
  closed: z.number().int(),
  rejected: z.number().int(),
  overdue: z.number().int(),
});

export type TicketCounts = z.infer<typeof TicketCounts>;

export const TicketListResponse = z.object({ items: z.array(TicketListItem), total: z.number().int(), counts: TicketCounts });
export type TicketListResponse = z.infer<typeof TicketListResponse>;

export const StaffTimelineEntry = z.object({
  type: z.string(),
  label: z.string(),
  at: z.string(),
  /** `unit`: the unit a staff member acted for (the department, 城市管理指挥中心 or a district's 指挥分中心) */
  actor: z.object({ kind: z.string(), id: z.string(), name: z.string(), unit: z.string().optional() }),
  fromStatus: TicketStatusSchema.optional(),
  toStatus: TicketStatusSchema.optional(),
  note: z.string().optional(),
  reason: z.string().optional(),
  reply: z.string().optional(),
  photos: z.array(UploadRefSchema).optional(),
  departmentId: z.string().optional(),
  departmentName: z.string().optional(),
  districtCode: z.string().optional(),
  zoneCode: z.string().optional(),
  duplicateOf: z.string().optional(),
  satisfaction: SatisfactionSchema.optional(),
  /** supervised entries: the 督办 deadline (ISO); extension entries: the new 处置期限 asked for / granted */
  deadline: z.string().optional(),
});
export type StaffTimelineEntry = z.infer<typeof StaffTimelineEntry>;

/** The latest 延期 application on a ticket (shared/src/ticket/extension.ts). */
export const TicketExtensionView = z.object({
  state: z.enum(['pending', 'approved', 'refused']),
  requestedAt: z.string(),
  requestedByName: z.string(),
  departmentName: z.string().optional(),
  reason: z.string(),
  /** the deadline in force when applying, and the one asked for (granted when approved) */
  fromDueAt: z.string(),
  dueAt: z.string(),
  extraWorkingHours: z.number(),
  decidedAt: z.string().optional(),
  decidedByName: z.string().optional(),
  /** refused: why */
  refuseReason: z.string().optional(),
});
export type TicketExtensionView = z.infer<typeof TicketExtensionView>;

export const TicketDetail = TicketListItem.extend({
  location: z.object({ lat: z.number(), lng: z.number() }),
  district: CodeName,
  zone: ZoneRef.optional(),
  department: DepartmentRef.optional(),
  reporter: z.object({ anonymous: z.boolean(), phone: z.string().optional(), phoneMasked: z.boolean() }),
  /** where it was filed: a resident (mini-program/H5), an Open311 client (named by its key) or the intake desk */
  source: TicketSourceRef.extend({ kind: z.enum(['resident', 'open311', 'staff']), label: z.string(), contactName: z.string().optional(), email: z.string().optional() }),
  /** the content check's hold (held = 待审核; released = a dispatcher let it through) */
  contentHold: z
    .object({ state: z.enum(['held', 'released']), source: z.enum(['text', 'media']), at: z.string(), releasedAt: z.string().optional(), releasedByName: z.string().optional() })
    .optional(),
  /** extra facts the category asks for (Open311 service attributes) */
  attributes: z.array(z.object({ code: z.string(), label: z.string(), text: z.string() })),
  routing: z.object({
    reason: z.string(),
    ruleId: z.string().optional(),
    movedBy: z.object({ id: z.string(), name: z.string(), at: z.string(), reason: z.string(), fromDistrictCode: z.string() }).optional(),
  }),
  photos: z.array(UploadRefSchema),
  afterPhotos: z.array(UploadRefSchema),
  timeline: z.array(StaffTimelineEntry),
  possibleDuplicates: z.array(DuplicateSuggestion),
  duplicateOf: z.string().optional(),
  duplicateIds: z.array(z.string()),
  satisfaction: z.object({ value: SatisfactionSchema, comment: z.string().optional(), at: z.string() }).optional(),
  closedAt: z.string().optional(),
  allowedActions: z.array(z.enum(TICKET_ACTIONS)),
  /** may the caller 督办 this ticket (POST transitions {action:"supervise"}) */
  canSupervise: z.boolean().optional(),
  /** the latest 延期 application (pending = waiting for the dispatch centre) */
  extension: TicketExtensionView.optional(),
  /** the 延期 actions the caller may take now (POST transitions {action:"request_extension"|…}) */
  extensionActions: z.array(z.enum(EXTENSION_ACTIONS)).optional(),
});
export type TicketDetail = z.infer<typeof TicketDetail>;

/** Staff actions only: reopen and withdraw come from the resident's side. */
export const STAFF_ACTIONS = ['accept', 'reject', 'dispatch', 'return', 'resolve', 'verify', 'rework', 'transfer'] as const;

/** 督办 goes through the same transitions endpoint but does not change the state (schemas/stats.ts SuperviseRequest). */
export const TRANSITION_REQUEST_ACTIONS = [...STAFF_ACTIONS, 'supervise', ...EXTENSION_ACTIONS] as const;

export const TransitionRequest = z.object({
  action: z.enum(TRANSITION_REQUEST_ACTIONS),
  /** supervise only: ISO date-time or YYYY-MM-DD by which the ticket must be closed */
  deadline: z.string().trim().max(40).optional(),
  note: z.string().trim().max(500, '备注最多 500 个字').optional(),
  departmentId: z.string().trim().max(64).optional(),
  reply: z.string().trim().max(1000, '回复最多 1000 个字').optional(),
  photoIds: z.array(z.string().trim().min(1).max(64)).max(9, '最多 9 张照片').optional(),
  reason: z.string().trim().max(500, '原因最多 500 个字').optional(),
  districtCode: z.string().trim().max(32).optional(),
  zoneCode: z.string().trim().max(32).optional(),
  /** alias of zoneCode (the issue text calls it zoneId); zoneCode wins when both are sent */
  zoneId: z.string().trim().max(32).optional(),
  /** reject as duplicate: id or tracking number of the original ticket */
  duplicateOf: z.string().trim().max(64).optional(),
  /** request_extension: the new 处置期限 (ISO, or YYYY-MM-DD = 18:00 that working day), or extra working hours / days */
  newDueAt: z.string().trim().max(40).optional(),
  extraWorkingHours: z.number({ error: '延长工作小时须为数字' }).optional(),
  extraWorkingDays: z.number({ error: '延长工作日须为数字' }).optional(),
  /** optimistic concurrency: the version the console showed; a different current version → 409 conflict */
  version: z.number().int().min(0).optional(),
});
export type TransitionRequest = z.infer<typeof TransitionRequest>;
/** A transition request that changes the state (everything but supervise). */
export type StateTransitionRequest = TransitionRequest & { action: (typeof STAFF_ACTIONS)[number] };

/** request_extension (the handling department): how much longer and why; exactly one way of saying how long. */
export const ExtensionApplyRequest = z
  .object({
    action: z.literal('request_extension'),
    reason: z.string({ error: '请填写延期原因' }).trim().min(1, '请填写延期原因').max(500, '延期原因最多 500 个字'),
    newDueAt: z.string().trim().min(1, '请填写新的处置期限').max(40).optional(),
    extraWorkingHours: z
      .number({ error: '延长工作小时须为数字' })
      .positive('延长工作小时须大于 0')
      .max(MAX_EXTENSION_WORKING_HOURS, `一次最多延长 ${MAX_EXTENSION_WORKING_HOURS} 个工作小时`)
      .optional(),
    extraWorkingDays: z
      .number({ error: '延长工作日须为数字' })
      .int('延长工作日须为整数')
      .min(1, '至少延长 1 个工作日')
      .max(MAX_EXTENSION_WORKING_DAYS, `一次最多延长 ${MAX_EXTENSION_WORKING_DAYS} 个工作日`)
      .optional(),
    note: z.string().trim().max(500, '备注最多 500 个字').optional(),
    version: z.number().int().min(0).optional(),
  })
  .refine((r) => [r.newDueAt, r.extraWorkingHours, r.extraWorkingDays].filter((v) => v !== undefined).length === 1, {
    message: '请填写新的处置期限、延长工作小时或延长工作日（三选一）',
    path: ['newDueAt'],
  });
export type ExtensionApplyRequest = z.infer<typeof ExtensionApplyRequest>;

/** approve_extension / refuse_extension (the dispatch centre); a refusal says why. */
export const ExtensionDecisionRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('approve_extension'), note: z.string().trim().max(500, '备注最多 500 个字').optional(), version: z.number().int().min(0).optional() }),
  z.object({
    action: z.literal('refuse_extension'),
    reason: z.string({ error: '请填写驳回理由' }).trim().min(1, '请填写驳回理由').max(500, '驳回理由最多 500 个字'),
    note: z.string().trim().max(500, '备注最多 500 个字').optional(),
    version: z.number().int().min(0).optional(),
  }),
]);
export type ExtensionDecisionRequest = z.infer<typeof ExtensionDecisionRequest>;

/** POST /api/v1/admin/tickets/:id/content-release: a dispatcher lets a 待审核 report through. */
export const ContentReleaseRequest = z.object({
  note: z.string().trim().max(200, '备注最多 200 个字').optional(),
  version: z.number().int().min(0).optional(),
});
export type ContentReleaseRequest = z.infer<typeof ContentReleaseRequest>;
