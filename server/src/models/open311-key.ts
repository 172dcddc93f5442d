import { Schema, type InferSchemaType } from 'mongoose';
import { OPEN311_OPERATIONS } from '@cgt/shared/schemas/open311';

/**
 * An Open311 client's API key (a 12345 bridge, a district app, a researcher). The key is
 * `cgto_<key id>_<secret>`: the id part makes the check an _id read; only the SHA-256 of the whole key is
 * stored (shown once at creation). Revoking sets `active: false` (kept: tickets name the key that filed them).
 */
export const open311KeySchema = new Schema(
  {
    name: { type: String, required: true },
    contact: { type: String, required: true },
    operations: { type: [String], enum: OPEN311_OPERATIONS, default: [] },
    rateLimitPerMinute: { type: Number, required: true, default: 60 },
    keyHash: { type: String, required: true },
    keyPrefix: { type: String, required: true },
    active: { type: Boolean, default: true },
    createdBy: { type: String, default: '' },
    createdAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
    revokedBy: { type: String, default: '' },
  },
  { collection: 'open311_keys', versionKey: false },
);
// the console's list: newest first, paged by the database
open311KeySchema.index({ createdAt: -1 });

export type Open311KeyDoc = InferSchemaType<typeof open311KeySchema>;
