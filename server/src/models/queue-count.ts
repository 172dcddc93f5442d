import { Schema } from 'mongoose';

/**
 * The bucket directory of the staff queue: the exact number of ticket_queue rows in one bucket
 * (cell × status × due day, domain/tickets/queue-cells.ts). Written only by recounting the bucket's rows
 * under a lease (commands/tickets/queue-counts.ts), never by $inc, which loses increments on FerretDB.
 */
export const queueCountSchema = new Schema(
  {
    _id: { type: String, required: true },
    cell: { type: String, required: true },
    status: { type: String, required: true },
    dueDay: { type: String, required: true },
    n: { type: Number, required: true },
    countedAt: { type: Date, required: true },
  },
  { collection: 'queue_counts', versionKey: false },
);
queueCountSchema.index({ cell: 1, status: 1, dueDay: 1 });
// the audit (commands/tickets/repair-queue-counts.ts) compares one due day at a time
queueCountSchema.index({ dueDay: 1 });

/** One recount of a bucket at a time: a unique insert is the only atomic step FerretDB offers. */
export const queueCountLeaseSchema = new Schema(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'queue_count_leases', versionKey: false },
);

/**
 * "This bucket changed and its count may be behind": one marker per row change and bucket (the _id names
 * both, so a repeated sync of the same change inserts nothing). A writer only inserts markers; whoever
 * next needs the count (a reader of the cell, or the drain job) recounts the bucket and removes the
 * markers its count includes. Plain inserts never conflict, so a burst of writers costs no waiting.
 */
export const queueCountDirtySchema = new Schema(
  {
    _id: { type: String, required: true },
    bucket: { type: String, required: true },
    cell: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'queue_count_dirty', versionKey: false },
);
queueCountDirtySchema.index({ cell: 1 });
queueCountDirtySchema.index({ bucket: 1 });

