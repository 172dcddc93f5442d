import { Schema } from 'mongoose';

/**
 * Searches that found nothing, so administrators can add what residents look for. Anonymised by
 * design: the document is only the normalised query text (its _id, so the first miss is one unique
 * insert), a count and when it was first and last seen. No user, IP or device. The count is raised by a
 * versioned write (services/waste-index.ts), never $inc'ed: FerretDB loses concurrent increments.
 */
export const wasteMissSchema = new Schema(
  {
    _id: { type: String, required: true },
    count: { type: Number, required: true, default: 0 },
    version: { type: Number, required: true, default: 0 },
    firstSeen: { type: Date, required: true },
    lastSeen: { type: Date, required: true },
  },
  { collection: 'waste_misses', versionKey: false },
);
wasteMissSchema.index({ count: -1 });

