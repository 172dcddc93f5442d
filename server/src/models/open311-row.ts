import { Schema, type InferSchemaType } from 'mongoose';

/**
 * The public Open311 view of every ticket (same _id): what GET /open311/v2/requests shows, keyed by the
 * Asia/Shanghai day of filing. The list walks days from the newest back by equality on `day` (≈550
 * tickets a day at the 2021 rate, so FerretDB sorts a small set), optionally with the Open311 status and
 * the service code as further equalities. Rewritten from the ticket after each write
 * (commands/open311/open311-rows.ts); never the source of truth, and it holds no personal data.
 */
export const open311RowSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    /** Asia/Shanghai day of createdAt, e.g. 2026-11-27 */
    day: { type: String, required: true },
    /** open | closed (GeoReport v2) */
    status: { type: String, enum: ['open', 'closed'], required: true },
    trackingNo: { type: String, required: true },
    categoryCode: { type: String, required: true },
    /**
     * what the list shows and never filters on (name, description, note, address, point, agency, photo,
     * updatedAt, dueAt) as one JSON string: FerretDB v1 decodes every field of every document it reads, and
     * the default answer reads a thousand rows (commands/open311/open311-rows.ts packRow)
     */
    shown: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'open311_rows', versionKey: false },
);
open311RowSchema.index({ day: 1, createdAt: -1 });
open311RowSchema.index({ day: 1, status: 1, createdAt: -1 });
open311RowSchema.index({ day: 1, categoryCode: 1, createdAt: -1 });
open311RowSchema.index({ day: 1, categoryCode: 1, status: 1, createdAt: -1 });

export type Open311RowDoc = InferSchemaType<typeof open311RowSchema>;
