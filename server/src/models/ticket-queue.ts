import { Schema } from 'mongoose';
import { TICKET_STATES } from '@cgt/shared/ticket/machine';

/**
 * Compact read projection of every ticket (one row per ticket, same _id): what the staff queue, the
 * resident's list and the duplicate check need, without the timeline, outbox and photos. FerretDB scans
 * a collection for any non-_id filter and decodes whole documents, so lists read these ~0.5 kB rows
 * instead of the full tickets (measured ~5× faster per scan). Rewritten from the ticket after each write
 * (commands/tickets/queue.ts); never the source of truth.
 */
export const ticketQueueSchema = new Schema(
  {
    trackingNo: { type: String, required: true },
    status: { type: String, enum: TICKET_STATES, required: true },
    version: { type: Number, required: true },
    categoryCode: { type: String, required: true },
    categoryName: { type: String, required: true },
    /** first 120 characters, for the list and the q search */
    description: { type: String, default: '' },
    address: { type: String },
    lat: { type: Number, required: true },
    lng: { type: Number, required: true },
    citizenId: { type: String, required: true },
    districtCode: { type: String, required: true },
    districtName: { type: String, required: true },
    zoneCode: { type: String },
    zoneName: { type: String },
    departmentId: { type: String },
    departmentName: { type: String },
    assignedDepartmentId: { type: String },
    firstPhotoId: { type: String },
    rated: { type: Boolean, default: false },
    reworkCount: { type: Number, default: 0 },
    /** 待审核: held by the content check until a dispatcher releases it (models/ticket.ts contentHold) */
    contentHeld: { type: Boolean, default: null },
    dueAt: { type: Date, required: true },
    /** natural: dueAt counts 7×24 hours (urgent categories); absent = working hours */
    slaClock: { type: String },
    /** where it came from (shared/src/ticket/source.ts); absent on rows written before = a resident's report */
    source: { type: new Schema({ channel: String, externalNo: String, openApiKeyName: String }, { _id: false }), default: undefined },
    /** Asia/Shanghai day of dueAt: the bucket key of the queue (domain/tickets/queue-cells.ts) */
    dueDay: { type: String, required: true },
    /** Asia/Shanghai month of createdAt: history is reached by month × district */
    month: { type: String, required: true },
    /** `<citizen id>|<month>`: 我的诉求 reads one month of one resident at a time (models/citizen-month.ts) */
    citizenMonth: { type: String },
    /** `<citizen id>|<month>|<tab>`: one 我的诉求 tab (shared/ticket/resident-tabs.ts) of one month of one resident */
    citizenMonthGroup: { type: String },
    /** when the ticket became closed/rejected/withdrawn; it leaves the hot queue HOT_FINAL_DAYS later */
    finalAt: { type: Date, default: null },
    finalDay: { type: String, default: null },
    /** category × geohash-7 cell of the location, the equality key of duplicate suggestions */
    dupKey: { type: String, required: true },
    /** true while an open ticket is under 督办 (null otherwise): the queue reads these first */
    supervised: { type: Boolean, default: null },
    supervision: {
      type: new Schema({ at: Date, deadline: Date, note: String, byName: String }, { _id: false }),
      default: null,
    },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'ticket_queue', versionKey: false },
);

/**
 * The read model of EVERY ticket, same row shape as the hot queue: the resident's list, history by
 * month × district, and the source the hot queue is refilled from. Never holds state of its own.
 */
export const ticketRowSchema = ticketQueueSchema.clone();
ticketRowSchema.set('collection', 'ticket_rows');

/*
 * Index plan (the production plan for MongoDB: equality fields first, then the sort field). On the
 * embedded FerretDB the launcher adds a GIN twin for every top-level field named here, which is what
 * serves FerretDB's pushed-down equality; the guard test (db/index-plan.test.ts) checks that every
 * hot-path query the route tests issue is covered by one of these.
 */
// the queue: one bucket = cell fields + status + dueDay, sorted by due time
ticketQueueSchema.index({ status: 1, dueDay: 1, dueAt: 1 });
ticketQueueSchema.index({ districtCode: 1, status: 1, dueDay: 1, dueAt: 1 });
ticketQueueSchema.index({ zoneCode: 1, status: 1, dueDay: 1, dueAt: 1 });
ticketQueueSchema.index({ assignedDepartmentId: 1, status: 1, dueDay: 1, dueAt: 1 });
ticketQueueSchema.index({ assignedDepartmentId: 1, districtCode: 1, status: 1, dueDay: 1, dueAt: 1 });
ticketQueueSchema.index({ assignedDepartmentId: 1, zoneCode: 1, status: 1, dueDay: 1, dueAt: 1 });
// a page reads one cell's rows due on one day (every status at once), sorted by due time; the count
// audit reads one due day of the whole queue
ticketQueueSchema.index({ dueDay: 1, dueAt: 1 });
ticketQueueSchema.index({ districtCode: 1, dueDay: 1, dueAt: 1 });
ticketQueueSchema.index({ zoneCode: 1, dueDay: 1, dueAt: 1 });
ticketQueueSchema.index({ assignedDepartmentId: 1, dueDay: 1, dueAt: 1 });
ticketQueueSchema.index({ assignedDepartmentId: 1, districtCode: 1, dueDay: 1, dueAt: 1 });
ticketQueueSchema.index({ assignedDepartmentId: 1, zoneCode: 1, dueDay: 1, dueAt: 1 });
// filtered views (category, routed department) within a cell and status
ticketQueueSchema.index({ status: 1, categoryCode: 1, departmentId: 1, dueAt: 1 });
ticketQueueSchema.index({ districtCode: 1, status: 1, categoryCode: 1, departmentId: 1, dueAt: 1 });
ticketQueueSchema.index({ trackingNo: 1 });
ticketQueueSchema.index({ dupKey: 1, createdAt: -1 });
ticketQueueSchema.index({ finalDay: 1 });
// 督办 pinned at the top of a cell's queue: a handful of rows per cell
ticketQueueSchema.index({ supervised: 1, assignedDepartmentId: 1 });
ticketQueueSchema.index({ supervised: 1, districtCode: 1 });
ticketQueueSchema.index({ supervised: 1, zoneCode: 1 });

ticketRowSchema.index({ citizenId: 1, createdAt: -1 });
ticketRowSchema.index({ citizenMonth: 1, createdAt: -1, _id: -1 });
ticketRowSchema.index({ citizenMonthGroup: 1, createdAt: -1, _id: -1 });
ticketRowSchema.index({ districtCode: 1, month: 1, createdAt: -1 });
ticketRowSchema.index({ trackingNo: 1 });
ticketRowSchema.index({ month: 1, status: 1 });
// the contact-phone purge walks the tickets that became final on one day (commands/tickets/purge-contact-phones.ts)
ticketRowSchema.index({ finalDay: 1 });

