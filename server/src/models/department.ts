import { Schema } from 'mongoose';

/**
 * A handling unit (处置单位) of a district or functional zone: 城管执法中队, 环卫所, 市政设施所, 园林所, 住建局…
 * `districtCode` is the code of the district or zone it serves. `seedKey` marks demo units shipped with
 * the product so a re-seed can add missing ones without touching what an administrator changed.
 */
export const departmentSchema = new Schema(
  {
    name: { type: String, required: true },
    districtCode: { type: String, required: true },
    kind: { type: String, required: true },
    phone: { type: String },
    active: { type: Boolean, default: true },
    demo: { type: Boolean, default: false },
    seedKey: { type: String },
  },
  { timestamps: true, collection: 'departments' },
);

