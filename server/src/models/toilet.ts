import { Schema } from 'mongoose';
import { openingHoursSchema } from './car-park.js';

/** A public toilet (找厕所). Location GCJ-02; searched in memory (services/poi-index). */
export const toiletSchema = new Schema(
  {
    name: { type: String, required: true },
    address: { type: String, default: '' },
    location: { lat: { type: Number, required: true }, lng: { type: Number, required: true } },
    kind: { type: String, enum: ['固定', '移动', '沿街开放单位'], required: true },
    openingHours: { type: openingHoursSchema, default: () => ({ is24h: true, rules: [] }) },
    accessible: { type: Boolean, default: false },
    thirdRestroom: { type: Boolean, default: false },
    babyRoom: { type: Boolean, default: false },
    managingUnit: { type: String, default: '' },
    districtCode: { type: String, required: true },
    demo: { type: Boolean, default: false },
  },
  { timestamps: true, collection: 'toilets' },
);
