import { Schema } from 'mongoose';

/** 常用语: reusable reply texts for dispatchers and handlers, optionally tied to a category. */
export const replyTemplateSchema = new Schema(
  {
    title: { type: String, required: true },
    text: { type: String, required: true },
    categoryCode: { type: String },
    createdBy: { type: String, required: true },
    createdByName: { type: String, default: '' },
  },
  { timestamps: true, collection: 'reply_templates' },
);

