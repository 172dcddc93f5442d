import { Schema, type Types } from 'mongoose';
import { outboxEntrySchema, type OutboxEntry } from './ticket.js';
import { COMPLAINT_CHANNELS, COMPLAINT_DECISIONS, COMPLAINT_STATES, COMPLAINT_TYPES } from '@cgt/shared/complaint/machine';
import type { ComplaintDeadlines } from '@cgt/shared/complaint/deadlines';
import { SATISFACTION_LEVELS } from '@cgt/shared/ticket/rating';
import { actorSchema } from './actor.js';

/**
 * One 信访件. All of its state lives in this document and changes only by single-document updates
 * filtered on {status, version} after a version claim (db/versioned-write.ts): the timeline is appended
 * in the same update that changes the status. Arrays hold scalars or sub-documents only (FerretDB: no nested arrays).
 *
 * The ID-card number is never stored in clear: `idNumberEnc` (AES-256-GCM), `idNumberHash` (keyed HMAC,
 * for "same person" lookups) and `idNumberMasked` (for lists, so lists never decrypt).
 */

const timelineEntrySchema = new Schema(
  {
    type: { type: String, required: true },
    at: { type: Date, required: true },
    actor: { type: actorSchema, required: true },
    fromStatus: { type: String, enum: COMPLAINT_STATES },
    toStatus: { type: String, enum: COMPLAINT_STATES },
    /** internal: never shown to the petitioner */
    note: { type: String },
    reason: { type: String },
    redirectTo: { type: String },
    transferTo: { type: String },
    departmentId: { type: String },
    departmentName: { type: String },
    days: { type: Number },
    reply: { type: String },
    decision: { type: String, enum: COMPLAINT_DECISIONS },
    basis: { type: String },
    satisfaction: { type: String, enum: SATISFACTION_LEVELS },
    ticketId: { type: String },
    trackingNo: { type: String },
  },
  { _id: false },
);

const replySchema = new Schema(
  {
    stage: { type: String, enum: ['conclusion', 'review', 'recheck'], required: true },
    decision: { type: String, enum: COMPLAINT_DECISIONS, required: true },
    text: { type: String, required: true },
    basis: { type: String, required: true },
    at: { type: Date, required: true },
    byId: { type: String },
    byName: { type: String },
  },
  { _id: false },
);

const ratingSchema = new Schema(
  {
    stage: { type: String, enum: ['conclusion', 'review', 'recheck'], required: true },
    satisfaction: { type: String, enum: SATISFACTION_LEVELS, required: true },
    comment: { type: String },
    at: { type: Date, required: true },
  },
  { _id: false },
);

const caseRefSchema = new Schema({ id: { type: String, required: true }, caseNo: { type: String, required: true } }, { _id: false });
const ticketLinkSchema = new Schema(
  { id: { type: String, required: true }, trackingNo: { type: String, required: true }, linkedAt: { type: Date, required: true } },
  { _id: false },
);

const deadlinesSchema = new Schema(
  {
    acceptBy: { type: Date, required: true },
    concludeBy: { type: Date, default: null },
    reviewRequestBy: { type: Date, default: null },
    reviewBy: { type: Date, default: null },
    recheckRequestBy: { type: Date, default: null },
    recheckBy: { type: Date, default: null },
  },
  { _id: false },
);

export const complaintSchema = new Schema(
  {
    caseNo: { type: String, required: true, unique: true },
    status: { type: String, enum: COMPLAINT_STATES, required: true },
    version: { type: Number, required: true, default: 0 },
    channel: { type: String, enum: COMPLAINT_CHANNELS, required: true },
    type: { type: String, enum: COMPLAINT_TYPES, required: true },
    /** the resident account that filed it online; null when the office registered it */
    citizenId: { type: String, default: null },
    registeredBy: { type: actorSchema, required: true },
    petitioner: {
      type: new Schema(
        {
          name: { type: String, required: true },
          phone: { type: String, required: true },
          address: { type: String, required: true },
          idNumberEnc: { type: String, required: true },
          idNumberHash: { type: String, required: true },
          idNumberMasked: { type: String, required: true },
        },
        { _id: false },
      ),
      required: true,
    },
    content: { type: String, required: true },
    request: { type: String, required: true },
    facts: { type: String },
    attachmentIds: { type: [String], default: [] },
    districtCode: { type: String },
    districtName: { type: String },
    departmentId: { type: String },
    departmentName: { type: String },
    transferredTo: { type: String },
    notAccepted: { type: new Schema({ reason: String, redirectTo: String }, { _id: false }), default: undefined },
    /** milestones the deadlines are computed from */
    registeredAt: { type: Date, required: true },
    acceptedAt: { type: Date, default: null },
    concludedAt: { type: Date, default: null },
    reviewRequestedAt: { type: Date, default: null },
    reviewConcludedAt: { type: Date, default: null },
    recheckRequestedAt: { type: Date, default: null },
    finalAt: { type: Date, default: null },
    extension: { type: new Schema({ days: Number, reason: String, at: Date, byId: String }, { _id: false }), default: null },
    deadlines: { type: deadlinesSchema, required: true },
    /** the office's running deadline, denormalised so 积案 / overdue lists are one indexed range query */
    officeDueAt: { type: Date, default: null },
    replies: { type: [replySchema], default: [] },
    ratings: { type: [ratingSchema], default: [] },
    linkedTickets: { type: [ticketLinkSchema], default: [] },
    linkedTicketIds: { type: [String], default: [] },
    /** 重复信访: earlier cases of the same petitioner on a similar matter */
    repeatOf: { type: [caseRefSchema], default: [] },
    repeatOfIds: { type: [String], default: [] },
    isRepeat: { type: Boolean, default: false },
    /** earlier cases of the same ID number under another petitioner name, found at registration */
    nameConflicts: { type: [new Schema({ id: String, caseNo: String, name: String }, { _id: false })], default: [] },
    /** text fingerprint for repeat detection (normalised request + content, no PII) */
    matterText: { type: String, default: '' },
    idempotencyKeyId: { type: String },
    /** the id of the PII key `petitioner.idNumberEnc` is under, top level so key rotation pages by one equality */
    piiKid: { type: String },
    timeline: { type: [timelineEntrySchema], default: [] },
    /** notices to the petitioner (信访答复通知), appended by the write that gives the reply; see models/outbox-delivery.ts */
    outbox: { type: [outboxEntrySchema], default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'complaints', versionKey: false },
);

// Cases are read by _id and by case number (unique, above) only: every list, the 积案 set and repeat
// detection read the derived rows in models/complaint-row.ts, whose indexes carry the list plan.
// …and by the PII key they are encrypted under, a page at a time, by `npm run pii:rotate` (services/pii-keys.ts)
complaintSchema.index({ piiKid: 1 });

export interface ComplaintActor {
  kind: 'staff' | 'citizen' | 'system';
  id: string;
  name: string;
  label: string;
}

export interface ComplaintTimelineEntry {
  type: string;
  at: Date;
  actor: ComplaintActor;
  fromStatus?: string;
  toStatus?: string;
  note?: string;
  reason?: string;
  redirectTo?: string;
  transferTo?: string;
  departmentId?: string;
  departmentName?: string;
  days?: number;
  reply?: string;
  decision?: string;
  basis?: string;
  satisfaction?: string;
  ticketId?: string;
  trackingNo?: string;
}

/** The plain (lean) shape commands and presenters work with. */
export interface ComplaintRecord {
  _id: Types.ObjectId;
  caseNo: string;
  status: string;
  version: number;
  channel: string;
  type: string;
  citizenId: string | null;
  registeredBy: ComplaintActor;
  petitioner: { name: string; phone: string; address: string; idNumberEnc: string; idNumberHash: string; idNumberMasked: string };
  piiKid?: string;
  content: string;
  request: string;
  facts?: string;
  attachmentIds: string[];
  districtCode?: string;
  districtName?: string;
  departmentId?: string;
  departmentName?: string;
  transferredTo?: string;
  notAccepted?: { reason: string; redirectTo: string };
  registeredAt: Date;
  acceptedAt: Date | null;
  concludedAt: Date | null;
  reviewRequestedAt: Date | null;
  reviewConcludedAt: Date | null;
  recheckRequestedAt: Date | null;
  finalAt: Date | null;
  extension: { days: number; reason: string; at: Date; byId?: string } | null;
  deadlines: ComplaintDeadlines;
  officeDueAt: Date | null;
  replies: { stage: 'conclusion' | 'review' | 'recheck'; decision: string; text: string; basis: string; at: Date; byId?: string; byName?: string }[];
  ratings: { stage: 'conclusion' | 'review' | 'recheck'; satisfaction: string; comment?: string; at: Date }[];
  linkedTickets: { id: string; trackingNo: string; linkedAt: Date }[];
  linkedTicketIds: string[];
  repeatOf: { id: string; caseNo: string }[];
  repeatOfIds: string[];
  isRepeat: boolean;
  /** absent on cases registered before the check existed */
  nameConflicts?: { id: string; caseNo: string; name: string }[];
  matterText: string;
  idempotencyKeyId?: string;
  timeline: ComplaintTimelineEntry[];
  outbox?: OutboxEntry[];
  createdAt: Date;
  updatedAt: Date;
}
