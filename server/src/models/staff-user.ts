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
    /** login failure timestamps inside the current window (lockout after 5 within 15 min) */
    failedLogins: { type: [Date], default: [] },
    lockedUntil: { type: Date },
    mustChangePassword: { type: Boolean, default: false },
    lastLoginAt: { type: Date },
  },
  { timestamps: true, collection: 'staff_users' },
);

export type StaffUserDoc = InferSchemaType<typeof staffUserSchema>;
