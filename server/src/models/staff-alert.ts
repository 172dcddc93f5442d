import { Schema } from 'mongoose';

/**
 * One alert in a staff member's notification centre (console bell). `_id` names what caused it and for
 * whom — `<delivery id>:<staff id>` for an outbox entry, `sla:<threshold>:<ticket id>@<dueAt>:<staff id>`
 * for a sweep — so raising it twice (a retried delivery, two processes sweeping) inserts it once: the
 * unique _id is the only atomic check FerretDB offers.
 *
 * Read by day, never by staff member alone: a district dispatcher collects ~100 alerts a day, and FerretDB
 * sorts every match of a query in its memory, so `{staffId}` would sort a year of alerts on every poll of the
 * bell. `staffDay` (`<staff id>|<Shanghai day>`) keys one staff member's day; `unreadDay` is the same key
 * while the alert is unread and null once read, so counting unread alerts reads only unread ones. Alerts
 * are kept STAFF_ALERT_RETENTION_DAYS and purged by `day` (equality, day by day).
 */
export const staffAlertSchema = new Schema(
  {
    _id: { type: String, required: true },
    staffId: { type: String, required: true },
    /** dispatched, reworked, reopened, returned, created, due_soon, overdue, escalated, … */
    kind: { type: String, required: true },
    ticketId: { type: String, default: null },
    trackingNo: { type: String, default: null },
    /** a 信访 case's alert links to the case instead of a ticket */
    complaintId: { type: String, default: null },
    caseNo: { type: String, default: null },
    text: { type: String, required: true },
    read: { type: Boolean, default: false },
    readAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
    /** Shanghai calendar day of createdAt, YYYY-MM-DD */
    day: { type: String, required: true },
    staffDay: { type: String, required: true },
    unreadDay: { type: String, default: null },
  },
  { collection: 'staff_alerts', versionKey: false },
);

staffAlertSchema.index({ staffDay: 1, createdAt: -1 });
staffAlertSchema.index({ unreadDay: 1, createdAt: -1 });
staffAlertSchema.index({ day: 1 });

