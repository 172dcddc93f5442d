import { Schema, type InferSchemaType } from 'mongoose';

/**
 * One alert in a staff member's notification centre (console bell). `_id` names what caused it and for
 * whom — `<delivery id>:<staff id>` for an outbox entry, `sla:<threshold>:<ticket id>@<dueAt>:<staff id>`
 * for a sweep — so raising it twice (a retried delivery, two processes sweeping) inserts it once: the
 * unique _id is the only atomic check FerretDB offers. Read by (staffId) page by page, newest first.
 */
export const staffAlertSchema = new Schema(
  {
    _id: { type: String, required: true },
    staffId: { type: String, required: true },
    /** dispatched, reworked, reopened, returned, created, due_soon, overdue, escalated, … */
    kind: { type: String, required: true },
    ticketId: { type: String, default: null },
    trackingNo: { type: String, default: null },
    text: { type: String, required: true },
    read: { type: Boolean, default: false },
    readAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  { collection: 'staff_alerts', versionKey: false },
);

staffAlertSchema.index({ staffId: 1, createdAt: -1 });
staffAlertSchema.index({ staffId: 1, read: 1, createdAt: -1 });

export type StaffAlertDoc = InferSchemaType<typeof staffAlertSchema>;
