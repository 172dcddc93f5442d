import { Schema } from 'mongoose';

/**
 * 常用语: reusable reply texts for dispatchers and handlers. Each belongs to the city, a district/zone or a
 * department (`scopeKey`, shared/src/ticket/reply-templates.ts), and optionally to a category or a category
 * group. Lists read by equality on `scopeKey`, and a unit holds at most TEMPLATES_PER_SCOPE_LIMIT, so every
 * read is bounded. A built-in (seeded) template that an admin deletes is kept `retired`, so that a later
 * start does not bring it back; its `_id` is derived from `seedKey`, so two instances seeding at once
 * insert it once.
 */
export const replyTemplateSchema = new Schema(
  {
    title: { type: String, required: true },
    text: { type: String, required: true },
    categoryCode: { type: String },
    categoryGroup: { type: String },
    scope: { type: String, enum: ['city', 'district', 'department'], default: 'city' },
    scopeKey: { type: String, default: 'city' },
    districtCode: { type: String },
    departmentId: { type: String },
    createdBy: { type: String, required: true },
    createdByName: { type: String, default: '' },
    builtIn: { type: Boolean, default: false },
    seedKey: { type: String },
    retired: { type: Boolean, default: false },
  },
  { timestamps: true, collection: 'reply_templates' },
);
replyTemplateSchema.index({ scopeKey: 1, title: 1 });
