import { Schema, type InferSchemaType } from 'mongoose';

/**
 * A resident's one-time subscribe-message credits for one template (rules: shared/src/wechat/
 * subscription-credits.ts). `_id = <citizenId>:<templateId>`. Every change is a versioned write through
 * the kernel (db/versioned-write.ts), never `$inc` (FerretDB loses concurrent increments), so two taps
 * or two delivering processes never gain or spend one credit twice.
 */
export const subscriptionCreditSchema = new Schema(
  {
    _id: { type: String, required: true },
    citizenId: { type: String, required: true },
    templateId: { type: String, required: true },
    credits: { type: Number, required: true, default: 0 },
    choice: { type: String, enum: ['accept', 'reject', 'ban', null], default: null },
    version: { type: Number, required: true, default: 0 },
    /**
     * the last deliveries that spent a credit here (bounded): a delivery taken over after a crash sees
     * whether its credit was already spent, so it neither spends twice nor sends unpaid
     */
    spentFor: { type: [String], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'subscription_credits', versionKey: false },
);

subscriptionCreditSchema.index({ citizenId: 1 });

export type SubscriptionCreditDoc = InferSchemaType<typeof subscriptionCreditSchema>;
