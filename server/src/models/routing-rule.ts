import { Schema } from 'mongoose';

/**
 * district/zone × category → department. `categoryCode` is a 5-digit category code, a 2-digit
 * category group or '*' (any); precedence is in domain/routing/rules.ts.
 */
export const routingRuleSchema = new Schema(
  {
    scopeCode: { type: String, required: true },
    categoryCode: { type: String, required: true },
    departmentId: { type: String, required: true },
    priority: { type: Number, default: 0 },
    /** shown in the routing reason, e.g. 「南湖新区·市容环境」 */
    name: { type: String, default: '' },
    demo: { type: Boolean, default: false },
    seedKey: { type: String },
  },
  { timestamps: true, collection: 'routing_rules' },
);

