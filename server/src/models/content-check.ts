import { Schema } from 'mongoose';

/**
 * One content-security check of a ticket's text (msg_sec_check, answered at once) or photo
 * (media_check_async, answered later on the message-push endpoint and matched by `trace_id`, the _id).
 * `state`: pending (waiting for the push) → pass | review | risky; `error` / `skipped` record a check that
 * could not run — the resident is never blocked by it (fail open).
 */
export const contentCheckSchema = new Schema(
  {
    _id: { type: String, required: true },
    ticketId: { type: String, required: true },
    kind: { type: String, enum: ['text', 'media'], required: true },
    photoId: { type: String, default: null },
    state: { type: String, enum: ['pending', 'pass', 'review', 'risky', 'error', 'skipped'], required: true },
    label: { type: Number, default: null },
    note: { type: String, default: '' },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'content_checks', versionKey: false },
);

contentCheckSchema.index({ ticketId: 1 });

