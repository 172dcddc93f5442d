import { Schema } from 'mongoose';

/**
 * One used slot of an abuse limit (server/src/db/rate-limit.ts): `_id` = `<window key>#<n>`, n < limit.
 * A slot is taken by a unique insert, so N server processes together never hand out more than `limit`
 * slots of one window (FerretDB's `$inc` would lose counts). `key` is the window key, read by equality;
 * the housekeeping job deletes slots past `expiresAt`.
 */
export const rateSlotSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** `<rule>#<subject>#<window index>` */
    key: { type: String, required: true },
    n: { type: Number, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'rate_slots', versionKey: false },
);
rateSlotSchema.index({ key: 1 });
rateSlotSchema.index({ expiresAt: 1 });

