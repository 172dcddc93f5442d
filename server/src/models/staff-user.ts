import { Schema, type InferSchemaType } from 'mongoose';

export const STAFF_ROLES = ['admin', 'dispatcher', 'handler', 'complaint_officer', 'viewer'] as const;

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
     * Login failures in the current 15-minute window (lockout after 5), for reading only: the count that
     * decides is the window's sequence (routes/auth/staff-login.ts), which FerretDB cannot lose.
     */
    failedCount: { type: Number, default: 0 },
    failedWindowStart: { type: Date, default: null },
    /** names the window's failure sequence, set whenever a window opens */
    failedWindowKey: { type: String },
    lockedUntil: { type: Date },
    mustChangePassword: { type: Boolean, default: false },
    lastLoginAt: { type: Date },
  },
  { timestamps: true, collection: 'staff_users' },
);

export type StaffUserDoc = InferSchemaType<typeof staffUserSchema>;
