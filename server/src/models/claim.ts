import { Schema } from 'mongoose';

/**
 * The one claims collection of the database kernel (server/src/db/claims.ts). FerretDB applies a
 * conditional update as read → modify → write-back without isolation, so two writers can both "win" a
 * findOneAndUpdate({_id, version}); only the uniqueness of _id on insert is enforced atomically. So
 * every "exactly one caller wins" decision (a document version, a sequence number) is an insert here:
 * - `<kind>:<id>@<v>` (or `<kind>:<id>~g<n>@<v>` after a crashed writer): the right to write version v;
 * - `seq:<key>#<n>`: number n of a sequence is taken.
 * The collection keeps its historical name `cas_claims`: existing databases hold the case-number claims
 * that keep 信访 case numbers unique.
 */
export const claimSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** when it was claimed (wall clock): a version claim older than the lease belongs to a crashed writer */
    at: { type: Date, required: true },
    /** who claimed it, for diagnosis only */
    by: { type: String },
    /** when the housekeeping job may delete it; absent = kept for good (numbers that must stay unique) */
    expiresAt: { type: Date },
  },
  { collection: 'cas_claims', versionKey: false },
);

