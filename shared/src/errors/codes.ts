/**
 * Stable API error codes. Clients branch on `code` (never on the message), so codes are never
 * renamed; messages are the default Chinese text shown when the server has nothing more specific.
 * Wire format: `{"error": {"code", "message", "details"}}`.
 */

export const ERROR_CODES = {
  validation_failed: { status: 400, message: '请求参数有误' },
  idempotency_key_required: { status: 400, message: '缺少 Idempotency-Key 请求头' },
  unauthorized: { status: 401, message: '请先登录' },
  token_expired: { status: 401, message: '登录已过期，请重新登录' },
  wechat_login_failed: { status: 401, message: '微信登录失败，请重试' },
  invalid_credentials: { status: 401, message: '用户名或密码错误' },
  forbidden: { status: 403, message: '无权执行此操作' },
  not_found: { status: 404, message: '资源不存在' },
  method_not_allowed: { status: 405, message: '不支持的请求方法' },
  invalid_transition: { status: 409, message: '当前状态下不能执行该操作' },
  content_held: { status: 409, message: '该诉求内容待审核，请先审核放行' },
  conflict: { status: 409, message: '数据已被他人修改，请刷新后重试' },
  duplicate: { status: 409, message: '记录已存在' },
  payload_too_large: { status: 413, message: '上传内容过大' },
  unsupported_media_type: { status: 415, message: '不支持的文件类型，请上传 JPEG、PNG 或 WebP 图片' },
  idempotency_key_reused: { status: 422, message: '该 Idempotency-Key 已用于不同的请求' },
  outside_jurisdiction: { status: 422, message: '该位置不在本市管辖范围内' },
  image_too_large: { status: 422, message: '图片像素过大' },
  invalid_geometry: { status: 422, message: '边界数据无效' },
  photo_not_found: { status: 422, message: '照片不存在或已过期，请重新上传' },
  reopen_window_expired: { status: 422, message: '结案已超过 7 天，不能申请重办' },
  account_locked: { status: 423, message: '登录失败次数过多，已临时锁定，请稍后再试' },
  rate_limited: { status: 429, message: '操作过于频繁，请稍后再试' },
  internal_error: { status: 500, message: '服务器内部错误' },
  upstream_unavailable: { status: 502, message: '外部服务暂时不可用，请稍后再试' },
  malformed_body: { status: 400, message: '请求体不是合法的 JSON' },
  bad_request: { status: 400, message: '请求无效' },
  token_revoked: { status: 401, message: '登录已失效，请重新登录' },
  invalid_refresh_token: { status: 401, message: '登录会话已失效，请重新登录' },
  refresh_token_reused: { status: 401, message: '登录会话异常，已全部退出，请重新登录' },
  invalid_token: { status: 401, message: '登录凭证无效，请重新登录' },
  session_ended: { status: 401, message: '登录已退出或已失效，请重新登录' },
  session_expired: { status: 401, message: '长时间未操作，登录已超时，请重新登录' },
  password_change_required: { status: 403, message: '请先修改密码：当前密码为管理员设置的初始或临时密码' },
  weak_password: { status: 400, message: '密码不符合要求' },
  password_reused: { status: 400, message: '不能使用最近用过的密码' },
  account_disabled: { status: 403, message: '账号已停用，请联系系统管理员' },
  username_taken: { status: 409, message: '用户名已被使用' },
  department_required: { status: 422, message: '处置人员必须指定所属处置单位' },
  unknown_district: { status: 422, message: '区域代码不存在' },
  unknown_department: { status: 422, message: '处置单位不存在' },
  cannot_modify_self: { status: 422, message: '不能停用自己或取消自己的管理员角色' },
  wrong_password: { status: 422, message: '原密码不正确' },
  invalid_upload: { status: 422, message: '照片无效或不属于当前用户' },
  invalid_image: { status: 422, message: '图片已损坏或无法识别' },
  wechat_unavailable: { status: 502, message: '微信服务暂时不可用，请稍后再试' },
  quiz_invalid: { status: 400, message: '测验数据无效，请重新开始' },
  quiz_expired: { status: 400, message: '测验已过期，请重新开始' },
  import_invalid: { status: 400, message: '导入文件有错误，未写入任何数据' },
  already_extended: { status: 409, message: '该信访事项已延期过一次' },
  already_rated: { status: 409, message: '已评价过，不能重复评价' },
  waste_item_exists: { status: 409, message: '该物品已存在' },
  unknown_category: { status: 422, message: '问题类型不存在' },
  unknown_car_park: { status: 422, message: '停车场不存在' },
  free_spaces_out_of_range: { status: 422, message: '空余车位数超出范围' },
  invalid_opening_hours: { status: 422, message: '开放时间格式不正确' },
  no_districts: { status: 422, message: '尚未载入区县边界' },
  extension_too_late: { status: 422, message: '已超过办理期限，不能再延期' },
  review_window_expired: { status: 422, message: '已超过申请复查的期限（收到答复意见之日起 30 日内）' },
  recheck_window_expired: { status: 422, message: '已超过申请复核的期限（收到复查意见之日起 30 日内）' },
  ticket_not_found: { status: 422, message: '关联的工单不存在' },
  too_many_links: { status: 422, message: '关联数量超过上限' },
  template_limit: { status: 422, message: '常用语数量已达上限' },
  api_key_required: { status: 401, message: '缺少 X-Api-Key 请求头' },
  invalid_api_key: { status: 401, message: 'API Key 无效或已停用' },
  car_park_not_assigned: { status: 403, message: '该停车场未授权给当前运营方' },
  db_unavailable: { status: 503, message: '数据库暂时不可用，请稍后再试' },
  wechat_not_configured: { status: 503, message: '本服务未配置微信登录，请使用其他方式登录或联系管理员' },
  bad_signature: { status: 401, message: '签名无效' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as ErrorCode[];

export function errorStatus(code: ErrorCode): number {
  return ERROR_CODES[code].status;
}

export function errorMessage(code: ErrorCode): string {
  return ERROR_CODES[code].message;
}

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, code);
}

/** One entry of `details`: validation errors name the field (dotted path). */
export interface ErrorDetail {
  field?: string;
  message: string;
  [extra: string]: unknown;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: unknown[] };
}

/** Build the wire body, with the default message unless a more specific one is given. */
export function errorBody(code: ErrorCode, message?: string, details: unknown[] = []): ErrorBody {
  return { error: { code, message: message ?? ERROR_CODES[code].message, details } };
}
