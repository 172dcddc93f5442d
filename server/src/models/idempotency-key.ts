import { Schema, type InferSchemaType } from 'mongoose';

/**
 * A claimed Idempotency-Key. The _id is `<scope>:<citizenId>:<key>`, so claiming is one insert whose
 * unique _id decides the winner (works on FerretDB, no transaction). The ticket id is chosen at claim
 * time: whoever completes the work (the first request or a retry after a crash) creates exactly that
 * ticket, and the ticket's unique _id stops a second one. The protocol lives in db/idempotency.ts.
 */
export const idempotencyKeySchema = new Schema(
  {
    _id: { type: String, required: true },
    /** sha256 of the canonical request body */
    requestHash: { type: String, required: true },
    /** the id of the resource the key creates (a ticket, or a complaint: the name is historical) */
    ticketId: { type: String, required: true },
    state: { type: String, enum: ['pending', 'done'], default: 'pending' },
    /** 0 while pending, 1 once done: storing the response is a versioned write, so the first completion wins */
    version: { type: Number, default: 0 },
    /** the response body as sent, replayed verbatim (JSON string: no nested arrays to worry about) */
    response: { type: String },
    createdAt: { type: Date, required: true },
    completedAt: { type: Date },
  },
  { collection: 'idempotency_keys', versionKey: false },
);

export type IdempotencyKeyDoc = InferSchemaType<typeof idempotencyKeySchema>;
