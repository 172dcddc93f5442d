import { z } from 'zod';
import { shortText } from '../format/short-text';
import { ObjectIdString } from './common';
import { PublishedPhoneInput } from './phone';

/** Handling units (/api/v1/admin/departments) and routing rules (/api/v1/admin/routing-rules). */

const CODE = z.string().trim().min(1, '请填写区县或功能区代码').max(32);
const OBJECT_ID = ObjectIdString('ID 格式不正确');
const PHONE = PublishedPhoneInput;

export const DEPARTMENT_KINDS = ['城管执法中队', '环卫所', '市政设施所', '园林所', '住建局', '其他'] as const;

export const DepartmentView = z.object({
  id: z.string(),
  name: z.string(),
  /** district adcode or zone code the unit serves */
  districtCode: z.string(),
  /** set when the unit serves a functional zone (the zone's code) */
  zoneId: z.string().optional(),
  kind: z.string(),
  phone: z.string().optional(),
  active: z.boolean(),
  demo: z.boolean(),
});
export type DepartmentView = z.infer<typeof DepartmentView>;

export const ListDepartmentsQuery = z.object({
  districtCode: z.string().trim().max(32).optional(),
  active: z.enum(['0', '1', 'true', 'false']).optional(),
});
export const ListDepartmentsResponse = z.object({ items: z.array(DepartmentView) });

export const CreateDepartmentRequest = z.object({
  name: shortText('单位名称').min(1, '请填写单位名称').max(64, '名称最多 64 个字符'),
  districtCode: CODE,
  kind: z.enum(DEPARTMENT_KINDS, { error: '单位类型无效' }),
  phone: PHONE.optional(),
  active: z.boolean().default(true),
});
export type CreateDepartmentRequest = z.infer<typeof CreateDepartmentRequest>;

export const PatchDepartmentRequest = z
  .object({
    name: shortText('单位名称').min(1, '请填写单位名称').max(64, '名称最多 64 个字符'),
    districtCode: CODE,
    kind: z.enum(DEPARTMENT_KINDS, { error: '单位类型无效' }),
    phone: PHONE.nullable(),
    active: z.boolean(),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, '至少修改一项');
export type PatchDepartmentRequest = z.infer<typeof PatchDepartmentRequest>;

export const IdParams = z.object({ id: OBJECT_ID });

/** '*' (any category), a 2-digit group or a 5-digit category code */
const RULE_CATEGORY = z.string().trim().regex(/^(\*|\d{2}|\d{5})$/, '类别须为 *、2 位类别组或 5 位类别代码');

export const RoutingRuleView = z.object({
  id: z.string(),
  scopeCode: z.string(),
  scopeName: z.string(),
  categoryCode: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  priority: z.number(),
  name: z.string(),
  demo: z.boolean(),
});
export type RoutingRuleView = z.infer<typeof RoutingRuleView>;

export const ListRoutingRulesQuery = z.object({ scopeCode: z.string().trim().max(32).optional() });
export const ListRoutingRulesResponse = z.object({ items: z.array(RoutingRuleView) });

export const CreateRoutingRuleRequest = z.object({
  scopeCode: CODE,
  categoryCode: RULE_CATEGORY,
  departmentId: OBJECT_ID,
  priority: z.number().int().min(-1000).max(1000).default(0),
  name: shortText('规则名称').max(64).optional(),
});
export type CreateRoutingRuleRequest = z.infer<typeof CreateRoutingRuleRequest>;

export const PatchRoutingRuleRequest = z
  .object({
    scopeCode: CODE,
    categoryCode: RULE_CATEGORY,
    departmentId: OBJECT_ID,
    priority: z.number().int().min(-1000).max(1000),
    name: shortText('规则名称').max(64),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, '至少修改一项');
export type PatchRoutingRuleRequest = z.infer<typeof PatchRoutingRuleRequest>;
