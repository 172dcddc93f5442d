import { createHash } from 'node:crypto';
import { checkAttributes } from '@cgt/shared/open311/service-attributes';
import type { Open311CreateRequestForm } from '@cgt/shared/schemas/open311';
import type { AppDeps } from '../../deps.js';
import { AppError, fail } from '../../http/errors.js';
import { idempotencyRecordId } from '../../domain/tickets/idempotency.js';
import { getCategory } from '../../services/categories.js';
import { fileReport, type ReportOrigin } from '../tickets/create-report.js';
import type { Open311Client } from './keys.js';

/**
 * POST /open311/v2/requests: an Open311 client files a report through the SAME command as the
 * mini-program (commands/tickets/create-report.ts: routing, SLA clock, numbering, queue), with the
 * client as its source. A retry of the same filing (same key, same device_id/email, service_code,
 * location and description) within 24 h answers the same request instead of filing a second one.
 */

export const OPEN311_DEDUP_WINDOW_MS = 24 * 3600_000;
export const OPEN311_SCOPE = 'open311';

export interface FiledRequest {
  service_request_id: string;
  service_notice: string;
  account_id?: string;
}

/** Open311 reporters are not residents: reporter.citizenId names the key, so no resident list shows them. */
export const open311ReporterId = (keyId: string) => `open311:${keyId}`;

function sameFiling(form: Open311CreateRequestForm) {
  return {
    who: form.device_id ?? form.email?.toLowerCase() ?? '',
    service_code: form.service_code,
    // 6 decimals ≈ 0.1 m: the same point however the client formats it
    lat: form.lat!.toFixed(6),
    long: form.long!.toFixed(6),
    description: form.description ?? '',
  };
}

/**
 * The idempotency key value of a filing: its hash and the 24 h bucket it falls in. A filing whose twin
 * was stored in the previous bucket less than 24 h ago reuses that bucket's key.
 */
async function dedupKey(deps: AppDeps, client: Open311Client, same: unknown): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(same)).digest('hex').slice(0, 40);
  const now = deps.now().getTime();
  const bucket = Math.floor(now / OPEN311_DEDUP_WINDOW_MS);
  const previous = `${hash}.${bucket - 1}`;
  const rec = await deps.models.IdempotencyKey.findById(idempotencyRecordId(OPEN311_SCOPE, client.id, previous), { createdAt: 1 }).lean();
  if (rec && now - new Date(rec.createdAt).getTime() < OPEN311_DEDUP_WINDOW_MS) return previous;
  return `${hash}.${bucket}`;
}

export async function fileOpen311Request(deps: AppDeps, client: Open311Client, form: Open311CreateRequestForm, attributes: Record<string, string | string[]>): Promise<{ status: 200 | 201; body: FiledRequest[] }> {
  const category = await getCategory(deps, form.service_code);
  const problems: { field: string; message: string }[] = [];
  if (!category || !category.active) problems.push({ field: 'service_code', message: `未知的服务编码 ${form.service_code}（见 GET /open311/v2/services）` });
  const checked = category ? checkAttributes(category.code, attributes) : { ok: true as const, values: [] };
  if (!checked.ok) problems.push(...checked.problems);
  if (problems.length) throw fail('validation_failed', problems, 'Open311 请求有误');

  const same = sameFiling(form);
  const contactName = [form.last_name, form.first_name].filter(Boolean).join('') || undefined;
  const origin: ReportOrigin = {
    scope: OPEN311_SCOPE,
    callerId: client.id,
    reporterId: open311ReporterId(client.id),
    actor: { kind: 'system', id: `open311:${client.id}`, name: client.name, label: `Open311：${client.name}` },
    residentPhoneFallback: false,
    notifyResident: false,
    uploadOwner: { kind: 'citizen', id: open311ReporterId(client.id) },
    source: {
      kind: 'open311',
      keyId: client.id,
      keyName: client.name,
      deviceId: form.device_id,
      accountId: form.account_id,
      contactName,
      email: form.email,
    },
    attributes: checked.ok ? checked.values : [],
    mediaUrl: form.media_url,
    phone: form.phone,
    sameRequest: same,
  };
  const description = form.description || `${category!.name}（Open311 未填写描述）`;
  try {
    const res = await fileReport(deps, origin, await dedupKey(deps, client, same), {
      categoryCode: category!.code,
      description,
      location: { lat: form.lat!, lng: form.long!, coordSys: 'wgs84' },
      address: form.address_string?.slice(0, 200),
      photoIds: [],
      anonymous: !contactName && !form.email && !form.phone,
    });
    return {
      status: res.status,
      body: [{ service_request_id: res.ticket.trackingNo, service_notice: category!.notice ?? '', ...(form.account_id ? { account_id: form.account_id } : {}) }],
    };
  } catch (err) {
    if (err instanceof AppError && err.code === 'outside_jurisdiction') {
      throw fail('outside_jurisdiction', [{ field: 'lat/long', message: '该位置不在岳阳市管辖范围内（坐标应为 WGS-84）' }]);
    }
    throw err;
  }
}
