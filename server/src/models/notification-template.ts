import { Schema } from 'mongoose';

/**
 * The bureau's subscribe-message templates (configured by an admin): which WeChat template is sent for
 * which event, the page the card opens, and which ticket field (or fixed text) fills each key.
 * `_id` is the event ('ticket.accepted', …): one template per event. Read whole (a handful of rows).
 */
export const notificationTemplateSchema = new Schema(
  {
    _id: { type: String, required: true },
    templateId: { type: String, required: true },
    page: { type: String, default: 'pages/index/index' },
    /** key → source, stored as a JSON string (keys like thing1 are data, not schema) */
    fields: { type: String, required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String },
  },
  { collection: 'notification_templates', versionKey: false },
);

