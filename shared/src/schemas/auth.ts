import { z } from 'zod';
import { shortText } from '../format/short-text';
import { PASSWORD_MAX_LENGTH } from '../auth/password-policy';
import { STAFF_ROLES } from '../ticket/machine';

/** Request/response shapes of /api/v1/auth/*, shared by the server, the console and the mini-program. */

export const STAFF_ROLE_VALUES = STAFF_ROLES;
export const StaffRoleSchema = z.enum(STAFF_ROLE_VALUES);
export type StaffRoleValue = z.infer<typeof StaffRoleSchema>;

/** GET /api/v1/auth/password-policy: the policy the server applies, for the console's forms. */
export const PasswordPolicyResponse = z.object({
  minLength: z.number().int(),
  minClasses: z.number().int(),
  historySize: z.number().int(),
  /** the rule in one Chinese sentence */
  description: z.string(),
});
export type PasswordPolicyResponse = z.infer<typeof PasswordPolicyResponse>;

export const WechatLoginRequest = z.object({ code: z.string().trim().min(1, '缺少微信登录凭证 code').max(256) });
export type WechatLoginRequest = z.infer<typeof WechatLoginRequest>;

export const DemoLoginRequest = z.object({ nickname: shortText('昵称').min(1, '请填写昵称').max(32, '昵称最多 32 个字符') });
export type DemoLoginRequest = z.infer<typeof DemoLoginRequest>;

export const CitizenUser = z.object({ id: z.string(), nickname: z.string() });
export type CitizenUser = z.infer<typeof CitizenUser>;

export const CitizenLoginResponse = z.object({ token: z.string(), user: CitizenUser });
export type CitizenLoginResponse = z.infer<typeof CitizenLoginResponse>;

export const StaffLoginRequest = z.object({
  username: z.string().trim().min(1, '请填写用户名').max(64),
  password: z.string().min(1, '请填写密码').max(256),
});
export type StaffLoginRequest = z.infer<typeof StaffLoginRequest>;

/** The fields every staff view starts with (StaffMe here, StaffUserView in ./users). */
export const StaffIdentityShape = {
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(StaffRoleSchema),
  districtCodes: z.array(z.string()),
  departmentIds: z.array(z.string()),
};

export const StaffMe = z.object({
  ...StaffIdentityShape,
  mustChangePassword: z.boolean(),
});
export type StaffMe = z.infer<typeof StaffMe>;

export const StaffLoginResponse = z.object({ token: z.string(), refreshToken: z.string(), user: StaffMe });
export type StaffLoginResponse = z.infer<typeof StaffLoginResponse>;

export const RefreshRequest = z.object({ refreshToken: z.string().min(1, '缺少 refreshToken').max(256) });
export type RefreshRequest = z.infer<typeof RefreshRequest>;

export const RefreshResponse = z.object({ token: z.string(), refreshToken: z.string() });
export type RefreshResponse = z.infer<typeof RefreshResponse>;

/** The configured policy is checked by the route (400 weak_password / password_reused, field newPassword). */
export const ChangePasswordRequest = z.object({
  oldPassword: z.string().min(1, '请填写原密码').max(PASSWORD_MAX_LENGTH),
  newPassword: z.string().min(1, '请填写新密码').max(PASSWORD_MAX_LENGTH, `新密码最多 ${PASSWORD_MAX_LENGTH} 个字符`),
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;
