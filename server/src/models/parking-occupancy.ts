import { Schema } from 'mongoose';

/**
 * The latest free-space reading of one car park (_id = car park id), kept apart from the car park so
 * that a reading every minute does not rebuild the spatial index: instances reload only this small
 * collection when its version moves (services/poi-index).
 */
export const parkingOccupancySchema = new Schema(
  {
    _id: { type: String, required: true },
    freeSpaces: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
    operatorId: { type: String, default: '' },
  },
  { collection: 'parking_occupancy', versionKey: false },
);
