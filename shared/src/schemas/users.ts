import { z } from 'zod';
import { shortText } from '../format/short-text';
import { MobilePhoneInput } from './phone';
import { PASSWORD_MAX_LENGTH } from '../auth/password-policy';
import { StaffIdentityShape, StaffRoleSchema } from './auth';

/** Staff account administration (/api/v1/admin/users) and the audit log listing (/api/v1/admin/audit). */

const USERNAME = z.string().trim().regex(/^[a-zA-Z0-9_.-]{3,32}$/, '用户名为 3–32 位字母、数字或 _.-');
const DISPLAY_NAME = shortText('姓名').min(1, '请填写姓名').max(32, '姓名最多 32 个字符');
const ROLES = z.array(StaffRoleSchema).min(1, '至少选择一个角色').max(5);
const CODES = z.array(z.string().trim().min(1).max(32)).max(50);
const PHONE = MobilePhoneInput;

export const StaffUserView = z.object({
  ...StaffIdentityShape,
  phone: z.string().optional(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().optional(),
  lastLoginAt: z.string().optional(),
  createdAt: z.string().optional(),
});
export type StaffUserView = z.infer<typeof StaffUserView>;

export const ListUsersQuery = z.object({
  q: z.string().trim().max(64).optional(),
  role: StaffRoleSchema.optional(),
  districtCode: z.string().trim().max(32).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListUsersQuery = z.infer<typeof ListUsersQuery>;

export const ListUsersResponse = z.object({ items: z.array(StaffUserView), total: z.number().int() });

export const CreateUserRequest = z.object({
  username: USERNAME,
  displayName: DISPLAY_NAME,
  /** checked against the configured policy by the route (400 weak_password, field password) */
  password: z.string().min(1, '请填写密码').max(PASSWORD_MAX_LENGTH).optional(),
  roles: ROLES,
  districtCodes: CODES.default([]),
  departmentIds: CODES.default([]),
  phone: PHONE.optional(),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

/** `password` is present only when the server generated it: shown once, never retrievable again. */
export const CreateUserResponse = z.object({ user: StaffUserView, password: z.string().optional() });

export const UpdateUserRequest = z.object({
  displayName: DISPLAY_NAME.optional(),
  roles: ROLES.optional(),
  districtCodes: CODES.optional(),
  departmentIds: CODES.optional(),
  disabled: z.boolean().optional(),
  phone: PHONE.nullable().optional(),
});
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

export const ResetPasswordResponse = z.object({ password: z.string() });

export const AuditQuery = z.object({
  actorId: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  targetType: z.string().trim().max(64).optional(),
  targetId: z.string().trim().max(64).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** Longest period one audit export may cover (the export streams, but the database sorts the period's entries). */
export const AUDIT_EXPORT_MAX_DAYS = 366;

/** GET /admin/audit/export.csv: the list's filters; the period defaults to the last 30 days. */
export const AuditExportQuery = z
  .object({
    actorId: z.string().trim().max(64).optional(),
    action: z.string().trim().max(64).optional(),
    targetType: z.string().trim().max(64).optional(),
    targetId: z.string().trim().max(64).optional(),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
  })
  .superRefine((q, ctx) => {
    const to = q.to?.getTime() ?? Date.now();
    const from = q.from?.getTime() ?? to - 30 * 86400_000;
    if (from > to) ctx.addIssue({ code: 'custom', path: ['from'], message: '开始时间不能晚于结束时间' });
    else if (to - from > AUDIT_EXPORT_MAX_DAYS * 86400_000) ctx.addIssue({ code: 'custom', path: ['from'], message: `一次最多导出 ${AUDIT_EXPORT_MAX_DAYS} 天` });
  });
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;

export const AuditEntryView = z.object({
  id: z.string(),
  actor: z.object({ kind: z.string(), id: z.string(), name: z.string() }),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  ip: z.string(),
  details: z.record(z.string(), z.unknown()),
  at: z.string(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const AuditListResponse = z.object({ items: z.array(AuditEntryView), total: z.number().int() });
