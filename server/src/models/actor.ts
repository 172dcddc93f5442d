import { Schema } from 'mongoose';

/** Who did something, as tickets and 信访件 record it in their timelines (and 信访 in `registeredBy`). */
export const actorSchema = new Schema(
  {
    kind: { type: String, enum: ['staff', 'citizen', 'system'], required: true },
    id: { type: String, default: '' },
    name: { type: String, default: '' },
    /** resident-safe label shown instead of the name (指挥中心 / the department / 市民); also what a 信访 petitioner sees */
    label: { type: String, default: '' },
  },
  { _id: false },
);
