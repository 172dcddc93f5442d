import { Schema, type Types } from 'mongoose';
import { TICKET_STATES, TIMELINE_EVENTS } from '@cgt/shared/ticket/machine';
import { INTAKE_CHANNELS, type IntakeChannel } from '@cgt/shared/ticket/source';
import { SATISFACTION_LEVELS } from '@cgt/shared/ticket/rating';
import { actorSchema } from './actor.js';

/**
 * One report (工单). ALL of its state lives in this document and changes only through single-document
 * atomic updates guarded by {status, version} (FerretDB has no transactions): the timeline and the
 * pending notifications (outbox) are appended in the same update that changes the status.
 * Arrays hold scalars or sub-documents only (FerretDB rejects nested arrays).
 */

const timelineEntrySchema = new Schema(
  {
    type: { type: String, enum: TIMELINE_EVENTS, required: true },
    at: { type: Date, required: true },
    actor: { type: actorSchema, required: true },
    fromStatus: { type: String, enum: TICKET_STATES },
    toStatus: { type: String, enum: TICKET_STATES },
    /** internal note: never shown to the resident */
    note: { type: String },
    reason: { type: String },
    reply: { type: String },
    photoIds: { type: [String], default: undefined },
    departmentId: { type: String },
    departmentName: { type: String },
    districtCode: { type: String },
    zoneCode: { type: String },
    /** transferred: where it came from (statistics attribute the earlier events there) */
    fromDistrictCode: { type: String },
    fromZoneCode: { type: String },
    duplicateOf: { type: String },
    satisfaction: { type: String, enum: SATISFACTION_LEVELS },
    /** supervised: the 督办 deadline; extension_*: the new 处置期限 asked for / granted */
    deadline: { type: Date },
    /** extension_approved: the 处置期限 it replaced (statistics judge the earlier events against it) */
    fromDeadline: { type: Date },
  },
  { _id: false },
);

/** A notification to deliver later (a job claims entries atomically by flipping state). */
/** A pending notification on its subject (a ticket, or a 信访 case: models/complaint.ts). */
export const outboxEntrySchema = new Schema(
  {
    _id: { type: String, required: true },
    channel: { type: String, required: true },
    /** district: the district's dispatchers (recipientId is the district code) */
    recipientKind: { type: String, enum: ['citizen', 'department', 'district', 'staff'], required: true },
    recipientId: { type: String, required: true },
    event: { type: String, required: true },
    status: { type: String },
    text: { type: String, default: '' },
    createdAt: { type: Date, required: true },
    state: { type: String, enum: ['pending', 'sending', 'sent', 'failed'], default: 'pending' },
    attempts: { type: Number, default: 0 },
  },
  { _id: false },
);

const routingSchema = new Schema(
  {
    districtCode: { type: String, required: true },
    districtName: { type: String, required: true },
    zoneCode: { type: String },
    zoneName: { type: String },
    zoneDemo: { type: Boolean },
    /** suggested by the routing rules at filing, then the department actually dispatched to */
    departmentId: { type: String },
    departmentName: { type: String },
    ruleId: { type: String },
    reason: { type: String, required: true },
    movedBy: {
      type: new Schema(
        { id: String, name: String, at: Date, reason: String, fromDistrictCode: String, fromZoneCode: String },
        { _id: false },
      ),
      default: undefined,
    },
  },
  { _id: false },
);

export const ticketSchema = new Schema(
  {
    trackingNo: { type: String, required: true, unique: true },
    status: { type: String, enum: TICKET_STATES, required: true },
    /** optimistic concurrency: every state change claims version + 1 and filters on it (db/versioned-write.ts) */
    version: { type: Number, required: true, default: 0 },
    categoryCode: { type: String, required: true },
    categoryName: { type: String, required: true },
    slaHours: { type: Number, required: true },
    /** the category's clock at filing: natural = 7×24 hours; absent = working hours */
    slaClock: { type: String, enum: ['natural', 'working'] },
    description: { type: String, required: true },
    /** GCJ-02 */
    location: { type: new Schema({ lat: Number, lng: Number }, { _id: false }), required: true },
    address: { type: String },
    photoIds: { type: [String], default: [] },
    afterPhotoIds: { type: [String], default: [] },
    reporter: {
      type: new Schema(
        { citizenId: { type: String, required: true }, anonymous: { type: Boolean, default: false }, phone: String },
        { _id: false },
      ),
      required: true,
    },
    routing: { type: routingSchema, required: true },
    /** the department the ticket is dispatched to (handler scope); null before dispatch and after 回退/移交 */
    assignedDepartmentId: { type: String, default: null },
    dueAt: { type: Date, required: true },
    /** set by the SLA sweep when it records the breach (lists compute overdue from dueAt themselves) */
    overdue: {
      type: new Schema({ flagged: Boolean, at: Date }, { _id: false }),
      default: undefined,
    },
    reworkCount: { type: Number, default: 0 },
    satisfaction: {
      type: new Schema({ value: { type: String, enum: SATISFACTION_LEVELS }, comment: String, at: Date, bySystem: Boolean }, { _id: false }),
      default: null,
    },
    resolvedAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
    /** rejected as a duplicate of this ticket id */
    duplicateOf: { type: String, default: null },
    /** tickets merged into this one as duplicates */
    duplicateIds: { type: [String], default: [] },
    /** the latest 督办 (shown while the ticket is open); every 督办 is also in the timeline */
    supervision: {
      type: new Schema({ at: Date, deadline: Date, note: String, byId: String, byName: String }, { _id: false }),
      default: undefined,
    },
    /** the latest 延期 application (shared/src/ticket/extension.ts); each step is also in the timeline */
    extension: {
      type: new Schema(
        {
          state: { type: String, enum: ['pending', 'approved', 'refused'] },
          requestedAt: Date,
          requestedById: String,
          requestedByName: String,
          departmentId: String,
          departmentName: String,
          reason: String,
          fromDueAt: Date,
          dueAt: Date,
          extraWorkingHours: Number,
          decidedAt: Date,
          decidedById: String,
          decidedByName: String,
          refuseReason: String,
        },
        { _id: false },
      ),
      default: undefined,
    },
    /**
     * 待审核: WeChat's content check found the text or a photo risky. While `held`, the ticket is not
     * accepted, dispatched or transferred until a dispatcher releases it (or rejects it as 不予立案).
     */
    contentHold: {
      type: new Schema(
        { state: { type: String, enum: ['held', 'released'] }, source: { type: String, enum: ['text', 'media'] }, label: Number, at: Date, releasedAt: Date, releasedById: String, releasedByName: String },
        { _id: false },
      ),
      default: undefined,
    },
    /** the Idempotency-Key record that created it */
    idempotencyKeyId: { type: String },
    /**
     * where it was filed when not by a resident in the mini-program/H5 (absent = resident): an Open311
     * client (by its key), or the intake desk (kind staff: 来电 / 12345转办 / 巡查 / 来信, shared/src/ticket/source.ts)
     */
    source: {
      type: new Schema(
        {
          kind: { type: String, enum: ['open311', 'staff'], required: true },
          keyId: { type: String, required: function (this: { kind?: string }) { return this.kind === 'open311'; } },
          keyName: { type: String, required: function (this: { kind?: string }) { return this.kind === 'open311'; } },
          /** the client's own identifiers and contact: staff only, never in a public answer */
          deviceId: String,
          accountId: String,
          /** the Open311 client's contact, or the caller's name at the intake desk (purged with the phone) */
          contactName: String,
          email: String,
          /** staff: the intake channel and the other system's number (12345 工单号), unique per channel */
          channel: { type: String, enum: INTAKE_CHANNELS },
          externalNo: String,
        },
        { _id: false },
      ),
      default: undefined,
    },
    /** extra facts the category asks for (Open311 service attributes), as checked at filing */
    attributes: {
      type: [new Schema({ code: String, label: String, value: String, text: String }, { _id: false })],
      default: undefined,
    },
    /** a photo the filing client hosts itself (Open311 media_url); never fetched by us */
    mediaUrl: { type: String },
    timeline: { type: [timelineEntrySchema], default: [] },
    outbox: { type: [outboxEntrySchema], default: [] },
  },
  { timestamps: true, collection: 'tickets', versionKey: false },
);

// The ticket itself is read only by _id and by its unique trackingNo; every list reads the row projections
// (ticket_queue / ticket_rows, models/ticket-queue.ts), whose index plan is declared there.


/** The plain (lean) shape the commands and presenters work with. */
export interface TicketActor {
  kind: 'staff' | 'citizen' | 'system';
  id: string;
  name: string;
  label: string;
}
export interface TimelineEntry {
  type: (typeof TIMELINE_EVENTS)[number];
  at: Date;
  actor: TicketActor;
  fromStatus?: (typeof TICKET_STATES)[number];
  toStatus?: (typeof TICKET_STATES)[number];
  note?: string;
  reason?: string;
  reply?: string;
  photoIds?: string[];
  departmentId?: string;
  departmentName?: string;
  districtCode?: string;
  zoneCode?: string;
  fromDistrictCode?: string;
  fromZoneCode?: string;
  duplicateOf?: string;
  satisfaction?: (typeof SATISFACTION_LEVELS)[number];
  deadline?: Date;
  fromDeadline?: Date;
}
export interface OutboxEntry {
  _id: string;
  channel: string;
  recipientKind: 'citizen' | 'department' | 'district' | 'staff';
  recipientId: string;
  event: string;
  status?: string;
  text: string;
  createdAt: Date;
  state: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
}
export interface TicketRouting {
  districtCode: string;
  districtName: string;
  zoneCode?: string | null;
  zoneName?: string | null;
  zoneDemo?: boolean | null;
  departmentId?: string | null;
  departmentName?: string | null;
  ruleId?: string | null;
  reason: string;
  movedBy?: { id: string; name: string; at: Date; reason: string; fromDistrictCode: string; fromZoneCode?: string | null } | null;
}
export interface TicketRecord {
  _id: Types.ObjectId;
  trackingNo: string;
  status: (typeof TICKET_STATES)[number];
  version: number;
  categoryCode: string;
  categoryName: string;
  slaHours: number;
  slaClock?: 'natural' | 'working' | null;
  description: string;
  location: { lat: number; lng: number };
  address?: string | null;
  photoIds: string[];
  afterPhotoIds: string[];
  reporter: { citizenId: string; anonymous: boolean; phone?: string | null };
  routing: TicketRouting;
  assignedDepartmentId: string | null;
  dueAt: Date;
  overdue?: { flagged: boolean; at: Date } | null;
  reworkCount: number;
  /** bySystem: 默认满意 given by the auto-close job (counted apart from the residents' ratings) */
  satisfaction: { value: (typeof SATISFACTION_LEVELS)[number]; comment?: string | null; at: Date; bySystem?: boolean | null } | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  duplicateOf: string | null;
  duplicateIds: string[];
  idempotencyKeyId?: string;
  supervision?: TicketSupervision | null;
  contentHold?: TicketContentHold | null;
  extension?: TicketExtension | null;
  source?: TicketSource | null;
  attributes?: TicketAttribute[] | null;
  mediaUrl?: string | null;
  timeline: TimelineEntry[];
  outbox: OutboxEntry[];
  createdAt: Date;
  updatedAt: Date;
}
export interface TicketContentHold {
  state: 'held' | 'released';
  source: 'text' | 'media';
  label?: number | null;
  at: Date;
  releasedAt?: Date | null;
  releasedById?: string | null;
  releasedByName?: string | null;
}
export interface TicketExtension {
  state: 'pending' | 'approved' | 'refused';
  requestedAt: Date;
  requestedById: string;
  requestedByName: string;
  departmentId: string | null;
  departmentName?: string | null;
  reason: string;
  fromDueAt: Date;
  dueAt: Date;
  extraWorkingHours: number;
  decidedAt?: Date | null;
  decidedById?: string | null;
  decidedByName?: string | null;
  refuseReason?: string | null;
}
export interface TicketSupervision {
  at: Date;
  deadline: Date;
  note: string;
  byId: string;
  byName: string;
}
export type TicketSource = Open311TicketSource | StaffTicketSource;
/** entered at the intake desk; the caller's phone is reporter.phone like a resident's */
export interface StaffTicketSource {
  kind: 'staff';
  channel: IntakeChannel;
  externalNo?: string | null;
  contactName?: string | null;
}
export interface Open311TicketSource {
  kind: 'open311';
  keyId: string;
  keyName: string;
  deviceId?: string | null;
  accountId?: string | null;
  contactName?: string | null;
  email?: string | null;
}
export interface TicketAttribute {
  code: string;
  label: string;
  value: string;
  text: string;
}
