import { Schema } from 'mongoose';

export const wasteItemSchema = new Schema(
  {
    name: { type: String, required: true, unique: true },
    category: { type: String, enum: ['recyclable', 'hazardous', 'kitchen', 'residual'], required: true },
    aliases: { type: [String], default: [] },
    /** true once an administrator corrected the seeded entry: re-seeding keeps it */
    edited: { type: Boolean, default: false },
    /**
     * Removed by an administrator. Kept as a tombstone (with edited:true) rather than deleted, because
     * the seed loader re-inserts any seed name it does not find: a hard delete would come back.
     */
    deleted: { type: Boolean, default: false },
  },
  { timestamps: true, collection: 'waste_items' },
);
