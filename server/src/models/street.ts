import { Schema } from 'mongoose';

/** A township-level unit (街道/镇/乡) with its NBS code; used for addresses and statistics below district level. */
export const streetSchema = new Schema(
  {
    code: { type: String, required: true, unique: true },
    code12: { type: String },
    name: { type: String, required: true },
    kind: { type: String, enum: ['subdistrict', 'town', 'township'], required: true },
    countyAdcode: { type: String, required: true },
    countyName: { type: String, required: true },
    /** the unit's seat (GCJ-02), where the data set has one: names the nearest unit of a point on the map */
    center: { type: new Schema({ lat: Number, lng: Number }, { _id: false }), default: null },
  },
  { timestamps: true, collection: 'streets' },
);
