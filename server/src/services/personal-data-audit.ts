import type { Context } from 'koa';
import type { AppDeps } from '../deps.js';
import type { Principal } from '../http/auth.js';
import { actorOf, ipOf, recordAudit } from './audit.js';

/**
 * 个人信息保护法 / 等保 三级: every read of personal data in full is an audit entry — who (the actor), what
 * (target and which fields), when, from where (IP) and why: the route that served it (`details.route`,
 * e.g. `GET /api/v1/admin/complaints/:id`). The data itself is never put in the entry.
 */
export const PERSONAL_DATA_READS = {
  /** a ticket's contact phone shown unmasked */
  ticketPhone: 'personal_data.ticket_phone',
  /** a 信访 case's ID number shown in full (the officer pressed 查看完整) */
  complaintIdNumber: 'personal_data.complaint_id_number',
  /** a 信访 case file read, with the petitioner's phone in full (the ID number masked) */
  complaintPhone: 'personal_data.complaint_phone',
  /** 信访 cases looked up by ID number */
  complaintSearchByIdNumber: 'personal_data.complaint_search_id_number',
  /** a file of personal data downloaded (the audit log itself, a resident's own export) */
  export: 'personal_data.export',
} as const;

export type PersonalDataRead = (typeof PERSONAL_DATA_READS)[keyof typeof PERSONAL_DATA_READS];

/** The route template Koa matched (never the URL: a URL may carry the data), with the method. */
export function routeOf(ctx: Context): string {
  const matched = (ctx as unknown as { _matchedRoute?: unknown })._matchedRoute;
  return `${ctx.method} ${typeof matched === 'string' ? matched : ctx.path}`;
}

export async function auditPersonalDataRead(
  ctx: Context,
  deps: Pick<AppDeps, 'models' | 'now'>,
  principal: Principal | null,
  read: { action: PersonalDataRead; targetType: string; targetId: string; details?: Record<string, unknown> },
): Promise<void> {
  await recordAudit(deps, {
    actor: actorOf(principal),
    action: read.action,
    targetType: read.targetType,
    targetId: read.targetId,
    ip: ipOf(ctx),
    details: { route: routeOf(ctx), ...read.details },
  });
}
