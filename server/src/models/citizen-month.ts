import { Schema } from 'mongoose';

/**
 * The months in which a resident filed reports: `_id` = `<citizen id>|<YYYY-MM>` (Asia/Shanghai), one
 * document per month, inserted (idempotently, by the unique _id) before the ticket's first read row is
 * written. 我的诉求 walks these months newest first and reads each by the row's `citizenMonth` key, so
 * no query ever sorts a heavy reporter's whole history (commands/tickets/my-reports.ts).
 */
export const citizenMonthSchema = new Schema(
  {
    _id: { type: String, required: true },
    citizenId: { type: String, required: true },
    month: { type: String, required: true },
  },
  { collection: 'citizen_months', versionKey: false },
);
citizenMonthSchema.index({ citizenId: 1 });
