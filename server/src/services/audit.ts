import type { Context } from 'koa';
import type { AppDeps } from '../deps.js';
import type { Principal } from '../http/auth.js';

export type AuditActorKind = 'staff' | 'citizen' | 'system' | 'anonymous';

export interface AuditActor {
  kind: AuditActorKind;
  id: string;
  name: string;
}

export interface AuditEntry {
  actor: AuditActor;
  /** dotted verb, e.g. "auth.login", "user.create", "ticket.dispatch" */
  action: string;
  targetType: string;
  targetId: string;
  ip: string;
  details?: Record<string, unknown>;
}

/**
 * Appends one audit entry (insert only; the collection has no update/delete API). Time comes from
 * deps.now() so tests with a moved clock see consistent entries. Callers must not put secrets
 * (passwords, tokens, session keys) in `details`.
 */
export async function recordAudit(deps: Pick<AppDeps, 'models' | 'now'>, entry: AuditEntry): Promise<void> {
  await deps.models.AuditLog.create({
    actorKind: entry.actor.kind,
    actorId: entry.actor.id,
    actorName: entry.actor.name,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    ip: entry.ip,
    details: entry.details ?? {},
    at: deps.now(),
  });
}

/** The audit actor for an authenticated principal (or an anonymous caller). */
export function actorOf(principal: Principal | null): AuditActor {
  if (!principal) return { kind: 'anonymous', id: '', name: '' };
  if (principal.kind === 'staff') return { kind: 'staff', id: principal.userId, name: principal.displayName };
  return { kind: 'citizen', id: principal.userId, name: '' };
}

/** The caller's IP as Koa sees it (honours X-Forwarded-For only when TRUST_PROXY is on). */
export function ipOf(ctx: Context): string {
  return ctx.ip ?? '';
}
