import { z } from 'zod';

/**
 * The resident's own data (个人信息保护法 第45条 查阅复制, 第47条 删除): GET /api/v1/me/export and
 * DELETE /api/v1/me. The export's reports and cases are the same views the app shows (ReportDetail,
 * ResidentComplaintDetail), kept loose here so the file stays readable as those views grow.
 */
export const MyDataExport = z.object({
  exportedAt: z.string(),
  profile: z
    .object({
      id: z.string(),
      source: z.string(),
      nickname: z.string(),
      phone: z.string().optional(),
      createdAt: z.string().optional(),
      lastLoginAt: z.string().optional(),
    })
    .nullable(),
  reports: z.array(z.record(z.string(), z.unknown())),
  complaints: z.array(z.record(z.string(), z.unknown())),
  subscriptions: z.array(z.object({ templateId: z.string(), credits: z.number(), choice: z.string().nullable(), updatedAt: z.string() })),
});
export type MyDataExport = z.infer<typeof MyDataExport>;

export const DeleteAccountResponse = z.object({
  deleted: z.literal(true),
  /** reports and 信访 cases kept for the record, no longer linked to any account */
  reports: z.number().int(),
  complaints: z.number().int(),
});
export type DeleteAccountResponse = z.infer<typeof DeleteAccountResponse>;

/** Retention periods the privacy page states (the server's defaults; config can only lengthen audit retention). */
export const DEFAULT_CONTACT_PHONE_RETENTION_MONTHS = 6;
export const MIN_AUDIT_RETENTION_DAYS = 180;
