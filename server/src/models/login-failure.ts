import { Schema } from 'mongoose';

/**
 * One failed staff login (commands/auth/login-throttle.ts): a document per attempt, never a counter (FerretDB
 * loses concurrent `$inc`s). Counted by indexed equality on `pair` (account + IP: the lock) and `account`
 * (how many IPs fail on it: the alert), newest first with a limit, so a read is small. `account` is the
 * lower-cased username as typed, also for names that do not exist: the answer must not tell them apart.
 * Deleted by a successful login of the pair, an admin unlock, and the housekeeping job after `expiresAt`.
 */
export const loginFailureSchema = new Schema(
  {
    pair: { type: String, required: true },
    account: { type: String, required: true },
    ip: { type: String, required: true },
    at: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'login_failures', versionKey: false },
);
loginFailureSchema.index({ pair: 1, at: -1 });
loginFailureSchema.index({ account: 1, at: -1 });
loginFailureSchema.index({ expiresAt: 1 });

