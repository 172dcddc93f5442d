import { Schema } from 'mongoose';

/**
 * Append-only record of who did what to which target, when and from where. There is deliberately no
 * update path anywhere in the code: entries are written once by services/audit.ts, and deleted only by the
 * retention job once older than AUDIT_RETENTION_DAYS (at least 180: 等保 三级 keeps audit records ≥ 6 months).
 */
export const auditLogSchema = new Schema(
  {
    actorKind: { type: String, enum: ['staff', 'citizen', 'system', 'anonymous'], required: true },
    actorId: { type: String, default: '' },
    actorName: { type: String, default: '' },
    action: { type: String, required: true },
    targetType: { type: String, required: true },
    targetId: { type: String, default: '' },
    ip: { type: String, default: '' },
    /** free-form, kept flat-ish: FerretDB rejects arrays of arrays, so callers pass objects/scalars */
    details: { type: Schema.Types.Mixed },
    at: { type: Date, required: true },
  },
  { collection: 'audit_logs', versionKey: false },
);
auditLogSchema.index({ at: -1 });
// the console's filters and the export (routes/audit): one actor's or one action's entries, newest first
auditLogSchema.index({ actorId: 1, at: -1 });
auditLogSchema.index({ action: 1, at: -1 });

