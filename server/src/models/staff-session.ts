import { Schema } from 'mongoose';

/**
 * One staff login session: the `sid` claim of its access tokens and the family of its refresh tokens
 * (`_id` = the refresh-token familyId). Every staff request checks it by `_id` (services/staff-sessions.ts,
 * cached briefly per process), so ending it — logout, refresh-token reuse, a password change, an admin
 * disabling or resetting the account, the idle timeout — ends every access token of the session.
 * Ending sets `endedAt` (idempotent: two processes ending it at once agree); nothing un-ends a session.
 */
export const staffSessionSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    createdAt: { type: Date, required: true },
    /** last request seen, written at most once a minute (not per request) */
    lastSeenAt: { type: Date, required: true },
    /** the session lasts no longer than its refresh tokens (30 days) */
    expiresAt: { type: Date, required: true },
    endedAt: { type: Date, default: null },
    /** logout | reuse | password_change | disabled | reset | idle | account_changed */
    endReason: { type: String, default: null },
    ip: { type: String, default: '' },
  },
  { collection: 'staff_sessions', versionKey: false },
);
// "end every session of this account" (password change, disable, reset) selects by userId
staffSessionSchema.index({ userId: 1 });

