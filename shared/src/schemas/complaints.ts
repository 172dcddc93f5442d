import { z } from 'zod';
import { shortText } from '../format/short-text';
import {
  COMPLAINT_ACTIONS,
  COMPLAINT_CHANNELS,
  COMPLAINT_DECISIONS,
  COMPLAINT_STATES,
  COMPLAINT_TYPES,
} from '../complaint/machine';
import { COMPLAINT_LIMIT_DAYS } from '../complaint/deadlines';
import { ID_NUMBER_MESSAGES, idNumberProblem, normalizeIdNumber } from '../complaint/id-number';
import { PublishedPhoneInput } from './phone';
import { SATISFACTION_LEVELS } from '../ticket/rating';
import { PageQuery, QueryFlag } from './common';
import { UploadRefSchema } from './uploads';

/**
 * 信访 API: resident (/api/v1/complaints) and complaint office (/api/v1/admin/complaints).
 * Dates on the wire are ISO-8601 UTC strings; deadlines end at 23:59:59.999 Shanghai time of their last day.
 */

export const MAX_COMPLAINT_TEXT = 2000;
export const MAX_COMPLAINT_REQUEST = 500;
export const MAX_COMPLAINT_ATTACHMENTS = 9;

export const ComplaintStatusSchema = z.enum(COMPLAINT_STATES);
export const ComplaintTypeSchema = z.enum(COMPLAINT_TYPES);
export const ComplaintChannelSchema = z.enum(COMPLAINT_CHANNELS);
export const ComplaintDecisionSchema = z.enum(COMPLAINT_DECISIONS);
export const ComplaintActionSchema = z.enum(COMPLAINT_ACTIONS);

const text = (label: string, max: number) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);

export const IdNumberInput = z
  .string()
  .transform(normalizeIdNumber)
  .superRefine((v, ctx) => {
    const problem = idNumberProblem(v);
    // never echo the number in the message: errors get logged
    if (problem) ctx.addIssue({ code: 'custom', message: ID_NUMBER_MESSAGES[problem] });
  });

export const PetitionerInput = z.object({
  name: shortText('姓名').min(2, '请填写真实姓名').max(30, '姓名最多 30 个字'),
  idNumber: IdNumberInput,
  /** landlines are allowed too (letters and walk-ins often give one); kept as typed: 0730-8123456 stays readable */
  phone: PublishedPhoneInput,
  address: shortText('通讯地址').min(1, '请填写通讯地址').max(200, '通讯地址最多 200 个字'),
});

const complaintBody = {
  type: ComplaintTypeSchema,
  content: text('信访内容', MAX_COMPLAINT_TEXT),
  request: text('诉求', MAX_COMPLAINT_REQUEST),
  facts: z.string().trim().max(MAX_COMPLAINT_TEXT, `事实和理由最多 ${MAX_COMPLAINT_TEXT} 个字`).optional(),
  petitioner: PetitionerInput,
  photoIds: z.array(z.string().trim().min(1).max(64)).max(MAX_COMPLAINT_ATTACHMENTS, `最多 ${MAX_COMPLAINT_ATTACHMENTS} 个附件`).default([]),
  /** optional: the district the matter concerns (GB/T 2260 code or zone code) */
  districtCode: z.string().trim().max(32).optional(),
};

/** POST /api/v1/complaints (resident, Idempotency-Key required). */
export const CreateComplaintRequest = z.object(complaintBody);
export type CreateComplaintRequest = z.infer<typeof CreateComplaintRequest>;

/** POST /api/v1/admin/complaints: the office registers a letter, a visit, a call or a 12345 transfer. */
export const StaffRegisterComplaintRequest = z.object({
  ...complaintBody,
  channel: z.enum(['letter', 'visit', 'phone', 'hotline_12345']),
  /** when the letter/visit/call was received (deadlines run from it); default now; not in the future */
  receivedAt: z.coerce.date().optional(),
  note: z.string().trim().max(500).optional(),
});
export type StaffRegisterComplaintRequest = z.infer<typeof StaffRegisterComplaintRequest>;
/** What a client sends (receivedAt as an ISO string, photoIds optional). */
export type StaffRegisterComplaintInput = z.input<typeof StaffRegisterComplaintRequest>;

const isoOrNull = z.string().nullable();

export const ComplaintDeadlinesSchema = z.object({
  acceptBy: z.string(),
  concludeBy: isoOrNull,
  reviewRequestBy: isoOrNull,
  reviewBy: isoOrNull,
  recheckRequestBy: isoOrNull,
  recheckBy: isoOrNull,
});

/** The deadline currently running, with the list flags. */
export const DueSchema = z.object({
  kind: z.enum(['accept', 'conclude', 'review', 'recheck', 'review_request', 'recheck_request']),
  at: z.string(),
  daysLeft: z.number().int(),
  overdue: z.boolean(),
  dueSoon: z.boolean(),
});
export type ComplaintDeadlinesView = z.infer<typeof ComplaintDeadlinesSchema>;
export type ComplaintDue = z.infer<typeof DueSchema>;

export const CreateComplaintResponse = z.object({
  id: z.string(),
  caseNo: z.string(),
  status: ComplaintStatusSchema,
  statusLabel: z.string(),
  deadlines: ComplaintDeadlinesSchema,
  due: DueSchema.nullable(),
});
export type CreateComplaintResponse = z.infer<typeof CreateComplaintResponse>;

export const ComplaintPageQuery = PageQuery;

const common = {
  id: z.string(),
  caseNo: z.string(),
  type: ComplaintTypeSchema,
  typeLabel: z.string(),
  channel: ComplaintChannelSchema,
  channelLabel: z.string(),
  status: ComplaintStatusSchema,
  statusLabel: z.string(),
  registeredAt: z.string(),
  deadlines: ComplaintDeadlinesSchema,
  /** the office's running deadline (null when it owes nothing) */
  due: DueSchema.nullable(),
  /** the petitioner's open appeal window (复查/复核 request), or null */
  window: DueSchema.nullable(),
};

export const ResidentComplaintItem = z.object({ ...common, summary: z.string(), hasReply: z.boolean() });
export const ResidentComplaintList = z.object({ items: z.array(ResidentComplaintItem), total: z.number().int() });

export const ComplaintReplySchema = z.object({
  stage: z.enum(['conclusion', 'review', 'recheck']),
  stageLabel: z.string(),
  decision: ComplaintDecisionSchema,
  decisionLabel: z.string(),
  text: z.string(),
  basis: z.string(),
  at: z.string(),
});

export const ComplaintRatingSchema = z.object({
  stage: z.enum(['conclusion', 'review', 'recheck']),
  satisfaction: z.enum(SATISFACTION_LEVELS),
  comment: z.string().optional(),
  at: z.string(),
});

const timelineBase = {
  type: z.string(),
  label: z.string(),
  at: z.string(),
  actorLabel: z.string(),
  fromStatus: ComplaintStatusSchema.optional(),
  toStatus: ComplaintStatusSchema.optional(),
  reason: z.string().optional(),
  redirectTo: z.string().optional(),
  transferTo: z.string().optional(),
  departmentName: z.string().optional(),
  days: z.number().int().optional(),
  reply: z.string().optional(),
  decision: ComplaintDecisionSchema.optional(),
  basis: z.string().optional(),
  satisfaction: z.enum(SATISFACTION_LEVELS).optional(),
};

const detailCommon = {
  ...common,
  content: z.string(),
  request: z.string(),
  facts: z.string().optional(),
  attachments: z.array(UploadRefSchema),
  district: z.object({ code: z.string(), name: z.string() }).optional(),
  department: z.object({ id: z.string(), name: z.string() }).optional(),
  extension: z.object({ days: z.number().int(), reason: z.string(), at: z.string() }).optional(),
  notAccepted: z.object({ reason: z.string(), redirectTo: z.string() }).optional(),
  transferredTo: z.string().optional(),
  replies: z.array(ComplaintReplySchema),
  ratings: z.array(ComplaintRatingSchema),
};

export const ResidentComplaintDetail = z.object({
  ...detailCommon,
  petitioner: z.object({ name: z.string(), idNumberMasked: z.string(), phone: z.string(), address: z.string() }),
  timeline: z.array(z.object(timelineBase)),
  canRate: z.boolean(),
  canRequestReview: z.boolean(),
  canRequestRecheck: z.boolean(),
});
export type ResidentComplaintDetail = z.infer<typeof ResidentComplaintDetail>;

/** POST /api/v1/complaints/:id/actions: the petitioner asks for 复查 / 复核 online. */
export const ResidentComplaintActionRequest = z.object({
  action: z.enum(['request_review', 'request_recheck']),
  reason: text('申请理由', MAX_COMPLAINT_REQUEST),
});

export const ComplaintRatingRequest = z.object({
  satisfaction: z.enum(SATISFACTION_LEVELS),
  comment: z.string().trim().max(200, '评价最多 200 个字').optional(),
});

export const ComplaintListQuery = z.object({
  status: ComplaintStatusSchema.optional(),
  channel: ComplaintChannelSchema.optional(),
  type: ComplaintTypeSchema.optional(),
  /** the office's deadline has passed (= 积案 when also open) */
  overdue: QueryFlag.optional(),
  /** due within 3 days, not yet overdue */
  dueSoon: QueryFlag.optional(),
  /** 积案: open cases past the office deadline (same as overdue=true) */
  backlog: QueryFlag.optional(),
  /** 重复信访 only */
  repeat: QueryFlag.optional(),
  districtCode: z.string().trim().max(32).optional(),
  departmentId: z.string().trim().max(64).optional(),
  /** case number, or part of the petitioner's name */
  q: z.string().trim().max(64).optional(),
  /** complaints linked to this ticket id */
  ticketId: z.string().trim().max(64).optional(),
  sort: z.enum(['-registeredAt', 'registeredAt', 'due']).default('-registeredAt'),
  ...PageQuery.shape,
});
export type ComplaintListQuery = z.infer<typeof ComplaintListQuery>;
/** The query string a client builds (flags as 'true'/'false'). */
export type ComplaintListQueryInput = z.input<typeof ComplaintListQuery>;

/**
 * POST /api/v1/admin/complaints/search: cases of one ID number. A POST body and not a query string,
 * because request URLs are written to the access log and an ID number must never be.
 */
export const ComplaintSearchRequest = z.object({
  idNumber: IdNumberInput,
  page: z.number().int().min(1, '页码从 1 开始').default(1),
  pageSize: z.number().int().min(1).max(100, '每页最多 100 条').default(20),
});

export const StaffComplaintItem = z.object({
  ...common,
  summary: z.string(),
  petitionerName: z.string(),
  idNumberMasked: z.string(),
  districtCode: z.string().optional(),
  districtName: z.string().optional(),
  departmentId: z.string().optional(),
  departmentName: z.string().optional(),
  extended: z.boolean(),
  isRepeat: z.boolean(),
  repeatOfCaseNos: z.array(z.string()),
  linkedTicketCount: z.number().int(),
  version: z.number().int(),
});
export type StaffComplaintItem = z.infer<typeof StaffComplaintItem>;
export const StaffComplaintList = z.object({ items: z.array(StaffComplaintItem), total: z.number().int() });

export const NameConflictSchema = z.object({ id: z.string(), caseNo: z.string(), name: z.string() });
export type NameConflict = z.infer<typeof NameConflictSchema>;

const CaseRef = z.object({ id: z.string(), caseNo: z.string(), status: ComplaintStatusSchema, statusLabel: z.string(), registeredAt: z.string() });

export const StaffComplaintDetail = z.object({
  ...detailCommon,
  petitioner: z.object({
    name: z.string(),
    /** always masked: the full number is one audited read, POST /api/v1/admin/complaints/:id/reveal-id */
    idNumberMasked: z.string(),
    phone: z.string(),
    address: z.string(),
  }),
  citizenId: z.string().optional(),
  registeredBy: z.object({ kind: z.string(), name: z.string() }),
  linkedTickets: z.array(z.object({ id: z.string(), trackingNo: z.string(), status: z.string().optional(), linkedAt: z.string() })),
  /** earlier cases this one repeats (重复信访) */
  repeatOf: z.array(CaseRef),
  /** later cases that repeat this one */
  repeatedBy: z.array(CaseRef),
  /** a repeat of a case that already reached 终结: the same matter is not accepted again */
  repeatsFinalCase: z.boolean(),
  /** earlier cases of the same ID number under another name: check the ID card */
  nameConflicts: z.array(NameConflictSchema),
  timeline: z.array(
    z.object({ ...timelineBase, actor: z.object({ kind: z.string(), id: z.string(), name: z.string() }), note: z.string().optional() }),
  ),
  allowedActions: z.array(ComplaintActionSchema),
  version: z.number().int(),
});
export type StaffComplaintDetail = z.infer<typeof StaffComplaintDetail>;
export type StaffComplaintTimelineEntry = StaffComplaintDetail['timeline'][number];

/** POST /api/v1/admin/complaints/:id/actions. Which fields each action needs: complaintRequiredFields(). */
export const ComplaintActionRequest = z.object({
  action: ComplaintActionSchema,
  /** optional optimistic-concurrency check: the version the officer saw */
  version: z.number().int().min(0).optional(),
  /** internal note, never shown to the petitioner */
  note: z.string().trim().max(1000).optional(),
  /** not_accept: why; extend: the reason told to the petitioner; request_review/recheck: the petitioner's grounds */
  reason: z.string().trim().max(1000).optional(),
  /** not_accept: the proper channel the petitioner is told to use */
  redirectTo: z.string().trim().max(200).optional(),
  /** transfer: the body it is transferred/assigned to */
  transferTo: z.string().trim().max(100).optional(),
  /** assign: the handling department */
  departmentId: z.string().trim().max(64).optional(),
  /** extend: 1–30 calendar days */
  days: z.number().int().min(1, '延期天数至少 1 天').max(COMPLAINT_LIMIT_DAYS.maxExtension, `延期不得超过 ${COMPLAINT_LIMIT_DAYS.maxExtension} 天`).optional(),
  /** conclude*: the written reply (处理/复查/复核意见书) */
  reply: z.string().trim().max(5000).optional(),
  decision: ComplaintDecisionSchema.optional(),
  /** conclude*: the legal or policy basis */
  basis: z.string().trim().max(1000).optional(),
});
export type ComplaintActionRequest = z.infer<typeof ComplaintActionRequest>;
export type ComplaintActionInput = z.input<typeof ComplaintActionRequest>;

export const LinkTicketRequest = z.object({
  /** ticket id or tracking number (YY20261127-000123) */
  ticket: z.string().trim().min(1, '请填写工单编号').max(64),
});

/** 201 of POST /api/v1/admin/complaints: the new case plus the earlier cases it repeats. */
export const StaffRegisterComplaintResponse = CreateComplaintResponse.extend({
  repeatOf: z.array(z.object({ id: z.string(), caseNo: z.string() })),
  /** earlier cases of the same ID number under another name */
  nameConflicts: z.array(NameConflictSchema),
});

/** POST /api/v1/admin/complaints/:id/reveal-id: the full ID number, for one audited look. */
export const RevealIdNumberResponse = z.object({ idNumber: z.string() });
export type RevealIdNumberResponse = z.infer<typeof RevealIdNumberResponse>;
export type StaffRegisterComplaintResponse = z.infer<typeof StaffRegisterComplaintResponse>;
