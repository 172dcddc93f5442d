import { Schema, type InferSchemaType } from 'mongoose';
import { OUTBOX_STATES } from '@cgt/shared/schemas/notifications';

/**
 * One notification to deliver: a WeChat subscribe message to a resident, or a console alert to staff.
 * `_id` is the id of the ticket's outbox entry (models/ticket.ts), and doubles as the message's
 * idempotency key.
 *
 * Written BEFORE the ticket update that appends the entry (an intent): FerretDB has no transactions, and
 * writing it after would lose it when the process dies between the two writes. The delivery job
 * therefore delivers an entry only once the ticket holds it, and voids it when the ticket still does not
 * after a grace period (the ticket write lost a race or never happened).
 *
 * States: pending → sending (claimed by one worker through a versioned write, with a lease) → sent |
 * skipped (no credit / not a WeChat resident / no template) | refused (43101) | dead (rules broken,
 * retries used up, or interrupted while sending) | void (the ticket never got the entry); a retryable
 * failure goes back to pending with a later `nextAt`. The pending set is small: everything else leaves it.
 */
export const outboxDeliverySchema = new Schema(
  {
    _id: { type: String, required: true },
    /** the subject: a ticket, or (信访答复通知) a 信访 case — exactly one of the two is set */
    ticketId: { type: String, default: null },
    complaintId: { type: String, default: null },
    /** 'wechat_subscribe' (residents) or 'console' (staff alerts) */
    channel: { type: String, required: true },
    recipientKind: { type: String, required: true },
    recipientId: { type: String, required: true },
    event: { type: String, required: true },
    text: { type: String, default: '' },
    state: { type: String, enum: OUTBOX_STATES, required: true },
    version: { type: Number, required: true, default: 0 },
    /** sending attempts made (a retry after a lost response counts) */
    attempts: { type: Number, default: 0 },
    /** not before this time (backoff) */
    nextAt: { type: Date, required: true },
    lease: { type: new Schema({ by: String, at: Date }, { _id: false }), default: null },
    lastError: { type: new Schema({ errcode: Number, errmsg: String, key: String }, { _id: false }), default: null },
    templateId: { type: String, default: null },
    sentAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'outbox_deliveries', versionKey: false },
);

// the job reads the pending set oldest-due first; the admin page reads one state page by page
outboxDeliverySchema.index({ state: 1, nextAt: 1 });
outboxDeliverySchema.index({ state: 1, createdAt: -1 });
outboxDeliverySchema.index({ ticketId: 1 });

export type OutboxDeliveryDoc = InferSchemaType<typeof outboxDeliverySchema>;
