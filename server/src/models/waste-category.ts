import { Schema } from 'mongoose';

/** The four household-waste categories (GB/T 19095-2019 colours) with their guide text. */
export const wasteCategorySchema = new Schema(
  {
    _id: { type: String, enum: ['recyclable', 'hazardous', 'kitchen', 'residual'], required: true },
    zh: { type: String, required: true },
    /** another common name, e.g. 湿垃圾 for 厨余垃圾 (Shanghai's word) */
    zhAlias: { type: String },
    en: { type: String, required: true },
    color: { type: String, required: true },
    colorZh: { type: String, required: true },
    colorHex: { type: String, required: true },
    description: { type: String, default: '' },
    descriptionZh: { type: String, default: '' },
    tips: { type: [String], default: [] },
    tipsZh: { type: [String], default: [] },
    order: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'waste_categories' },
);
