import { Schema, type InferSchemaType } from 'mongoose';

/** Atomic sequences: one document per sequence (e.g. "ticket:20261127"), advanced with $inc by _id. */
export const counterSchema = new Schema(
  {
    _id: { type: String, required: true },
    seq: { type: Number, required: true, default: 0 },
  },
  { collection: 'counters', versionKey: false },
);

export type CounterDoc = InferSchemaType<typeof counterSchema>;
