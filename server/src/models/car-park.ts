import { Schema } from 'mongoose';

/** One opening window rule (see @cgt/shared/poi/opening-hours); days is an array of scalars, not nested. */
export const openingRuleSchema = new Schema(
  { days: { type: [Number], default: [] }, dayType: { type: String, enum: ['workday', 'restday'] }, open: String, close: String },
  { _id: false },
);
export const openingHoursSchema = new Schema({ is24h: { type: Boolean, default: true }, rules: { type: [openingRuleSchema], default: [] } }, { _id: false });

/**
 * A car park (找车位). Location is GCJ-02 as plain numbers (no geo index on FerretDB: the nearby search
 * runs in memory, services/poi-index). Live free spaces live in parking_occupancy, written by operators.
 */
export const carParkSchema = new Schema(
  {
    name: { type: String, required: true },
    address: { type: String, default: '' },
    location: { lat: { type: Number, required: true }, lng: { type: Number, required: true } },
    kind: { type: String, enum: ['公共停车场', '路内泊位', '学校错时开放', '商业'], required: true },
    totalSpaces: { type: Number, required: true },
    feeText: { type: String, default: '' },
    openingHours: { type: openingHoursSchema, default: () => ({ is24h: true, rules: [] }) },
    evChargers: { type: Number, default: 0 },
    accessibleSpaces: { type: Number, default: 0 },
    districtCode: { type: String, required: true },
    /** generated sample data; an administrator's import replaces all of it */
    demo: { type: Boolean, default: false },
  },
  { timestamps: true, collection: 'car_parks' },
);
