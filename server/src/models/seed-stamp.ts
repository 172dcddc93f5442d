import { Schema } from 'mongoose';

/** One document per seeded data set: its version. A loader runs only when the shipped version differs. */
export const seedStampSchema = new Schema(
  {
    _id: { type: String, required: true },
    version: { type: String, required: true },
    count: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'seed_stamps' },
);
