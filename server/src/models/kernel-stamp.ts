import { Schema } from 'mongoose';

/**
 * Small documents of the database kernel, always read by _id (the one filter every backend serves fast):
 * - `seq:<key>`: the highest number known to be taken in a sequence — a hint that only shortens the
 *   search; the unique claim in cas_claims decides (db/sequence.ts);
 * - `generation:<name>`: the generation stamp of a data set that in-memory indexes are built from; set to
 *   a fresh value on every write, never incremented (db/snapshot.ts).
 * Values are $set, never $inc'ed: FerretDB loses concurrent increments.
 */
export const kernelStampSchema = new Schema(
  {
    _id: { type: String, required: true },
    value: { type: Number, required: true },
    at: { type: Date, required: true },
    /** when the housekeeping job may delete it (hints of short-lived sequences); absent = kept */
    expiresAt: { type: Date },
  },
  { collection: 'kernel_stamps', versionKey: false },
);

