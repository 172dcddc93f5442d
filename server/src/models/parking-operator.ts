import { Schema } from 'mongoose';

/**
 * A car-park operator allowed to push free-space counts. The API key is `cgtp_<operator id>_<secret>`:
 * the id part makes the lookup an _id read (the only filter FerretDB pushes down); only the SHA-256 of
 * the whole key is stored.
 */
export const parkingOperatorSchema = new Schema(
  {
    name: { type: String, required: true },
    parkingIds: { type: [String], default: [] },
    keyHash: { type: String, required: true },
    keyPrefix: { type: String, required: true },
    active: { type: Boolean, default: true },
    createdBy: { type: String, default: '' },
  },
  { timestamps: true, collection: 'parking_operators' },
);
