import { Schema } from 'mongoose';

/**
 * A county-level division (kind "district", GB/T 2260 adcode) or a functional zone (kind "zone") that
 * overrides the district it lies in. The geometry is kept as a GeoJSON string: FerretDB stores no nested
 * arrays and has no geo queries, so routing happens in application code (domain/routing).
 */
export const districtSchema = new Schema(
  {
    code: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    kind: { type: String, enum: ['district', 'zone'], required: true },
    /** for zones: the district codes it overlaps (informational) */
    parentCodes: { type: [String], default: [] },
    geometry: { type: String, required: true },
    bbox: { minLng: Number, minLat: Number, maxLng: Number, maxLat: Number },
    center: { lat: Number, lng: Number },
    demo: { type: Boolean, default: false },
    source: { type: String, default: '' },
    active: { type: Boolean, default: true },
  },
  { timestamps: true, collection: 'districts' },
);

