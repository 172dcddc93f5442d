import { z } from 'zod';
import { shortText } from '../format/short-text';
import { ContactPhoneInput } from './phone';
import { MAX_OPEN311_DESCRIPTION } from '../open311/mapping';

/**
 * Open311 GeoReport v2 (/open311/v2): the POST /requests form fields (strings, as a urlencoded form
 * sends them) and the console's API-key management (/api/v1/admin/open311/keys).
 */

const optText = (max: number, label: string) => z.string().trim().max(max, `${label}最多 ${max} 个字符`).optional();
/** names and addresses: one line, no control or bidi characters (format/short-text.ts) */
const optShort = (max: number, label: string) => shortText(label).max(max, `${label}最多 ${max} 个字符`).optional();

const coordinate = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d{1,3}(\.\d+)?$/, `${label}应为十进制度数`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${label}超出范围（${min} 至 ${max}）`)
    .optional();

export const Open311CreateRequestForm = z
  .object({
    jurisdiction_id: optText(100, '辖区标识'),
    service_code: z.string({ error: '缺少 service_code（服务编码）' }).trim().regex(/^\d{5}$/, '服务编码应为 5 位数字'),
    lat: coordinate('纬度 lat', -90, 90),
    long: coordinate('经度 long', -180, 180),
    address_string: optShort(200, '地址 address_string'),
    address_id: optText(100, '地址编号 address_id'),
    email: z.string().trim().max(254, '邮箱过长').email('邮箱格式不正确').optional(),
    device_id: optText(128, '设备标识 device_id'),
    account_id: optText(128, '账号标识 account_id'),
    first_name: optShort(50, '名 first_name'),
    last_name: optShort(50, '姓 last_name'),
    /** becomes the report's contact phone: the residents' rule */
    phone: ContactPhoneInput.optional(),
    description: optText(MAX_OPEN311_DESCRIPTION, '描述 description'),
    media_url: z
      .string()
      .trim()
      .max(1000, '图片地址 media_url 最多 1000 个字符')
      // no /i: the published pattern is the regex source; the scheme may be written in capitals
      .regex(/^[Hh][Tt][Tt][Pp][Ss]?:\/\/\S+$/, '图片地址 media_url 应为 http(s) 网址')
      .optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.lat === undefined) !== (v.long === undefined)) {
      ctx.addIssue({ code: 'custom', path: [v.lat === undefined ? 'lat' : 'long'], message: '纬度 lat 与经度 long 须同时提供' });
    }
    if (v.lat === undefined && v.long === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['lat'],
        message: v.address_string
          ? '暂不支持仅凭地址 address_string 定位（无离线地理编码），请同时提供 WGS-84 坐标 lat 与 long'
          : '缺少位置：请提供 WGS-84 坐标 lat 与 long',
      });
    }
  });
export type Open311CreateRequestForm = z.infer<typeof Open311CreateRequestForm>;

export const OPEN311_OPERATIONS = ['read', 'file'] as const;
export type Open311Operation = (typeof OPEN311_OPERATIONS)[number];

export const CreateOpen311KeyRequest = z.object({
  name: shortText('名称').min(1, '请填写名称').max(60, '名称最多 60 个字'),
  contact: z.string().trim().min(1, '请填写联系人或联系方式').max(120, '联系方式最多 120 个字'),
  operations: z
    .array(z.enum(OPEN311_OPERATIONS, { error: '操作应为 read 或 file' }))
    .min(1, '至少允许一种操作')
    .transform((ops) => [...new Set(ops)]),
  /** requests per minute for this key */
  rateLimitPerMinute: z.number().int().min(1, '每分钟至少 1 次').max(6000, '每分钟最多 6000 次').default(60),
});
export type CreateOpen311KeyRequest = z.infer<typeof CreateOpen311KeyRequest>;

export const Open311KeyView = z.object({
  id: z.string(),
  name: z.string(),
  contact: z.string(),
  operations: z.array(z.enum(OPEN311_OPERATIONS)),
  rateLimitPerMinute: z.number().int(),
  keyPrefix: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  revokedAt: z.string().optional(),
});
export type Open311KeyView = z.infer<typeof Open311KeyView>;

export const CreateOpen311KeyResponse = Open311KeyView.extend({
  /** shown only in this response; only its hash is stored */
  key: z.string(),
});

export const Open311KeyList = z.object({ items: z.array(Open311KeyView), total: z.number().int() });
