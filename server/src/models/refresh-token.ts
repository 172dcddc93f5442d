import { Schema } from 'mongoose';

/**
 * A staff refresh token, stored only as its sha256 hash (the _id), so a database leak yields no usable
 * token. Tokens of one login share a family: presenting an already-rotated token revokes the family.
 */
export const refreshTokenSchema = new Schema(
  {
    /** sha256(token) in hex: lookups are _id equality, the one filter FerretDB pushes down */
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    familyId: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    /** the user's tokenVersion at issue: a bump (password change, disable) makes the token useless */
    tokenVersion: { type: Number, default: 0 },
    /** true once rotated: presenting it again is reuse and revokes the family */
    used: { type: Boolean, default: false },
    usedAt: { type: Date },
    revoked: { type: Boolean, default: false },
  },
  { timestamps: true, collection: 'refresh_tokens' },
);
refreshTokenSchema.index({ familyId: 1 });

