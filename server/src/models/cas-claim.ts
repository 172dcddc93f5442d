import { Schema } from 'mongoose';

/**
 * Compare-and-set by unique insert (see db/cas.ts). FerretDB 1.24 on SQLite evaluates a conditional update's
 * filter and applies its change without a transaction, so two writers can both "win" a
 * findOneAndUpdate({_id, version}); only the uniqueness of _id on insert is enforced atomically.
 */
export const casClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    by: { type: String },
  },
  { collection: 'cas_claims', versionKey: false },
);
