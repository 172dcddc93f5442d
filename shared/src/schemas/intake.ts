import { z } from 'zod';
import { shortText } from '../format/short-text';
import { INTAKE_CHANNELS, TICKET_SOURCE_CHANNELS } from '../ticket/source';
import { ContactPhoneInput } from './phone';
import { LocationInput, MAX_DESCRIPTION, MAX_PHOTOS } from './reports';

/** The intake desk (新建工单, POST /api/v1/admin/tickets) and the source every ticket view carries. */

/** Where a ticket came from (shared/src/ticket/source.ts): on every staff list item and detail. */
export const TicketSourceRef = z.object({
  channel: z.enum(TICKET_SOURCE_CHANNELS),
  /** the other system's number: the 12345 工单号 of a 转办, a letter's 文号 */
  externalNo: z.string().optional(),
  /** an Open311 filing: the name of the API key it came in with */
  openApiKeyName: z.string().optional(),
});
export type TicketSourceRef = z.infer<typeof TicketSourceRef>;

export const MAX_EXTERNAL_NO = 64;

export const CreateStaffTicketRequest = z
  .object({
    channel: z.enum(INTAKE_CHANNELS, { message: '请选择来源：来电、12345转办、巡查上报、来信或其他' }),
    /** unique per channel: the same number entered again returns the ticket it already became */
    externalNo: z
      .string()
      .trim()
      .min(1, '外部单号不能为空')
      .max(MAX_EXTERNAL_NO, `外部单号最多 ${MAX_EXTERNAL_NO} 个字符`)
      .regex(/^[\x21-\x7e\u4e00-\u9fff]+$/, '外部单号只能包含字母、数字、符号或汉字，不含空格')
      .optional(),
    categoryCode: z.string().trim().regex(/^\d{5}$/, '问题类型编码应为 5 位数字'),
    location: LocationInput,
    address: shortText('地址').max(200, '地址最多 200 个字').optional(),
    description: z.string().trim().min(1, '请描述问题').max(MAX_DESCRIPTION, `描述最多 ${MAX_DESCRIPTION} 个字`),
    caller: z
      .object({
        name: shortText('来电人姓名').max(32, '姓名最多 32 个字').optional(),
        /** mobile or landline with area code; stored without separators like a resident's */
        phone: ContactPhoneInput.optional(),
      })
      .strict()
      .optional(),
    photoIds: z.array(z.string().trim().min(1).max(64)).max(MAX_PHOTOS, `最多上传 ${MAX_PHOTOS} 张照片`).default([]),
  })
  .strict();
export type CreateStaffTicketRequest = z.infer<typeof CreateStaffTicketRequest>;
