import { Schema } from 'mongoose';

/**
 * Who owns an upload: a report/ticket that attached it, or the purge job about to delete it.
 * Exists because the embedded FerretDB (v1.24 on SQLite) does not make a conditional update atomic:
 * two concurrent updateOne({_id, attachedTo: null}) calls both report modifiedCount 1 (measured; $inc
 * loses increments too). An insert with a duplicate _id, however, is refused by the storage's primary
 * key every time, so "insert the claim" is the one compare-and-set we can rely on.
 */
export const uploadClaimSchema = new Schema(
  {
    /** the upload's id: at most one claim per upload */
    _id: { type: String, required: true },
    /** 'ticket' | 'complaint' | … or 'purge' */
    targetKind: { type: String, required: true },
    targetId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'upload_claims', versionKey: false },
);

