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
    /** bumped on password reset / disable: outstanding tokens stop working */
    tokenVersion: { type: Number, default: 0 },
    /**
     * Login failures in the current 15-minute window (lockout after 5). A counter plus window start, not an
     * array of timestamps, so each failure is one atomic $inc/$set that FerretDB supports.
     */
    failedCount: { type: Number, default: 0 },
    failedWindowStart: { type: Date, default: null },
    lockedUntil: { type: Date },
    mustChangePassword: { type: Boolean, default: false },
    lastLoginAt: { type: Date },
  },
  { timestamps: true, collection: 'staff_users' },
);

export type StaffUserDoc = InferSchemaType<typeof staffUserSchema>;
