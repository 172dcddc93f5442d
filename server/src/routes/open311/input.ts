import type { Context } from 'koa';
import { MAX_REQUEST_IDS, MAX_WINDOW_DAYS, parseOpen311Date, type Open311Status } from '@cgt/shared/open311/mapping';
import { Open311CreateRequestForm } from '@cgt/shared/schemas/open311';
import { fail, type ErrorDetail } from '../../http/errors.js';
import type { RequestFilter } from '../../commands/open311/find-requests.js';

/** Reading Open311 input: the urlencoded form of POST /requests and the filters of GET /requests. */

const MAX_FORM_BYTES = 64 * 1024;
const DAY_MS = 86_400_000;

/** The raw form (query string merged under the body) as name → values. */
export async function readForm(ctx: Context): Promise<URLSearchParams> {
  const type = (ctx.get('content-type') || '').split(';')[0]!.trim().toLowerCase();
  const params = new URLSearchParams(ctx.querystring);
  if (ctx.method !== 'POST') return params;
  if (type !== 'application/x-www-form-urlencoded') {
    throw fail('unsupported_media_type', [
      { field: 'Content-Type', message: '请求体应为 application/x-www-form-urlencoded（UTF-8）' },
    ], '请求体格式不支持');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw fail('payload_too_large', [{ field: 'body', message: `表单最多 ${MAX_FORM_BYTES / 1024} KB` }], '请求体过大');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.includes('\uFFFD')) throw fail('validation_failed', [{ field: 'body', message: '表单须以 UTF-8 编码' }], '请求体不是有效的 UTF-8');
  for (const [k, v] of new URLSearchParams(text)) {
    if (!k.startsWith('attribute[') && params.has(k)) params.delete(k);
    params.append(k, v);
  }
  return params;
}

/** `attribute[code]=v` and `attribute[code][]=v` (multivaluelist) → {code: v | v[]}. */
export function attributesOf(form: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of form) {
    const m = /^attribute\[([^\]]{1,64})\](\[\])?$/.exec(k);
    if (!m) continue;
    const code = m[1]!;
    if (m[2]) out[code] = [...((Array.isArray(out[code]) ? out[code] : out[code] === undefined ? [] : [out[code]]) as string[]), v];
    else out[code] = out[code] === undefined ? v : [...(Array.isArray(out[code]) ? out[code] : [out[code] as string]), v];
  }
  return out;
}

/** One value per plain field (the last one given wins, like most form readers); attributes excluded. */
function plainFields(form: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form) if (!k.startsWith('attribute[')) out[k] = v;
  return out;
}

export function parseCreateForm(form: URLSearchParams): Open311CreateRequestForm {
  const fields = plainFields(form);
  // empty strings are absent values (HTML forms send every input)
  for (const k of Object.keys(fields)) if (fields[k]!.trim() === '') delete fields[k];
  const res = Open311CreateRequestForm.safeParse(fields);
  if (res.success) return res.data;
  const details: ErrorDetail[] = res.error.issues.map((i) => ({ field: String(i.path[0] ?? 'body'), message: i.message }));
  throw fail('validation_failed', details, 'Open311 请求有误');
}

const CODE = /^\d{5}$/;

export interface ListInput {
  ids?: string[];
  filter: RequestFilter;
}

/** The GET /requests filters, every problem reported at once (400). */
export function parseListQuery(form: URLSearchParams, now: Date): ListInput {
  const q = plainFields(form);
  const problems: ErrorDetail[] = [];
  const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);

  const ids = list(q.service_request_id);
  if (q.service_request_id !== undefined && ids.length === 0) problems.push({ field: 'service_request_id', message: '受理编号不能为空' });
  if (ids.length > MAX_REQUEST_IDS) problems.push({ field: 'service_request_id', message: `一次最多查询 ${MAX_REQUEST_IDS} 个受理编号` });
  const badIds = ids.filter((id) => !/^YY\d{8}-\d{6}$/i.test(id));
  if (badIds.length) problems.push({ field: 'service_request_id', message: `受理编号格式应为 YY20261127-000123：${badIds.slice(0, 3).join('、')}` });

  const serviceCodes = [...new Set(list(q.service_code))];
  const badCodes = serviceCodes.filter((c) => !CODE.test(c));
  if (badCodes.length) problems.push({ field: 'service_code', message: `服务编码应为 5 位数字：${badCodes.slice(0, 3).join('、')}` });
  if (serviceCodes.length > 20) problems.push({ field: 'service_code', message: '一次最多 20 个服务编码' });

  const date = (field: 'start_date' | 'end_date'): Date | undefined => {
    const raw = q[field];
    if (raw === undefined || raw.trim() === '') return undefined;
    const d = parseOpen311Date(raw);
    if (!d) problems.push({ field, message: '日期应为带时区的 ISO 8601 格式，例如 2026-11-27T09:30:00+08:00' });
    return d ?? undefined;
  };
  const startGiven = date('start_date');
  const endGiven = date('end_date');
  const end = endGiven ?? now;
  const start = startGiven ?? new Date(end.getTime() - MAX_WINDOW_DAYS * DAY_MS);
  if (start.getTime() > end.getTime()) problems.push({ field: 'start_date', message: '开始时间 start_date 不能晚于结束时间 end_date' });
  else if (end.getTime() - start.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
    problems.push({ field: 'end_date', message: `查询时间跨度最多 ${MAX_WINDOW_DAYS} 天` });
  }

  const statuses = [...new Set(list(q.status).map((s) => s.toLowerCase()))];
  const badStatus = statuses.filter((s) => s !== 'open' && s !== 'closed');
  if (badStatus.length) problems.push({ field: 'status', message: '状态 status 应为 open 或 closed（可逗号分隔）' });
  if (problems.length) throw fail('validation_failed', problems, 'Open311 查询条件有误');
  const status = statuses.length === 1 ? (statuses[0] as Open311Status) : undefined;
  return { ids: ids.length ? ids : undefined, filter: { start, end, serviceCodes, status } };
}
