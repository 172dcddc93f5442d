import { Schema } from 'mongoose';

/** A resident, identified by WeChat openid (mini-program or official-account H5) or a demo login. */
export const citizenSchema = new Schema(
  {
    openid: { type: String, required: true, unique: true },
    source: { type: String, enum: ['weapp', 'h5', 'demo'], required: true },
    unionid: { type: String },
    nickname: { type: String, default: '' },
    phone: { type: String },
    lastLoginAt: { type: Date },
  },
  { timestamps: true, collection: 'citizens' },
);

