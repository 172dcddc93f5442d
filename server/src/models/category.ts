import { Schema } from 'mongoose';
import { SLA_CLOCKS } from '@cgt/shared/calendar/working-time';

/**
 * A problem category (GB/T 47678.5-style code as _id, so lookups by code are _id lookups that
 * FerretDB pushes down). Seeded from shared CATEGORIES; `edited` marks an administrator's change,
 * which a later re-seed keeps.
 */
export const categorySchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    group: { type: String, required: true },
    groupName: { type: String, required: true },
    slaHours: { type: Number, required: true },
    urgent: { type: Boolean, default: false },
    /** natural (7×24) or working hours; absent (stored before clocks existed) = natural when urgent */
    clock: { type: String, enum: SLA_CLOCKS },
    notice: { type: String, default: '' },
    local: { type: Boolean, default: false },
    active: { type: Boolean, default: true },
    /** position in the shipped catalogue, for a stable grouped order */
    order: { type: Number, default: 0 },
    edited: { type: Boolean, default: false },
  },
  { timestamps: true, collection: 'categories' },
);

