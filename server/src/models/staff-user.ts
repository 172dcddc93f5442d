import { Schema } from 'mongoose';
import { STAFF_ROLES } from '@cgt/shared/ticket/machine';

/** A staff account. Arrays hold scalars only (FerretDB rejects nested arrays). */
export const staffUserSchema = new Schema(
  {
    username: { type: String, required: true, unique: true },
    displayName: { type: String, required: true },
    passwordHash: { type: String, required: true },
    roles: { type: [String], enum: STAFF_ROLES, default: [] },
    districtCodes: { type: [String], default: [] },
    departmentIds: { type: [String], default: [] },
    phone: { type: String },
    disabled: { type: Boolean, default: false },
    /** a fresh stamp (db/snapshot.ts) on password change / reset / disable: tokens carrying the old one stop working */
    tokenVersion: { type: Number, default: 0 },
    /**
     * Display only: the end of the latest (account, IP) lock, for the administrators' list and its unlock
     * button. The lock itself is the failures in login_failures (commands/auth/login-throttle.ts).
     */
    lockedUntil: { type: Date },
    /** argon2 hashes of the last PASSWORD_HISTORY passwords, newest (the current one) first */
    passwordHistory: { type: [String], default: undefined },
    passwordChangedAt: { type: Date },
    mustChangePassword: { type: Boolean, default: false },
    lastLoginAt: { type: Date },
  },
  { timestamps: true, collection: 'staff_users' },
);

