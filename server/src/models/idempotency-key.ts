import { Schema, type InferSchemaType } from 'mongoose';

/**
 * A claimed Idempotency-Key. The _id is `<scope>:<citizenId>:<key>`, so claiming is one insert whose
 * unique _id decides the winner (works on FerretDB, no transaction). The ticket id is chosen at claim
 * time: whoever completes the work (the first request or a retry after a crash) creates exactly that
 * ticket, and the ticket's unique _id stops a second one.
 */
export const idempotencyKeySchema = new Schema(
  {
    _id: { type: String, required: true },
    /** sha256 of the canonical request body */
    requestHash: { type: String, required: true },
    ticketId: { type: String, required: true },
    state: { type: String, enum: ['pending', 'done'], default: 'pending' },
    /** the response body as sent, replayed verbatim (JSON string: no nested arrays to worry about) */
    response: { type: String },
    createdAt: { type: Date, required: true },
    completedAt: { type: Date },
  },
  { collection: 'idempotency_keys', versionKey: false },
);

export type IdempotencyKeyDoc = InferSchemaType<typeof idempotencyKeySchema>;
