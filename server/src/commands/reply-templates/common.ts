import { OBJECT_ID_RE } from '@cgt/shared/schemas/common';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { actorOf, recordAudit } from '../../services/audit.js';

/** A 常用语 as stored. */
export interface ReplyTemplateRecord {
  _id: unknown;
  title: string;
  text: string;
  categoryCode?: string | null;
  createdBy: string;
  createdByName?: string | null;
  updatedAt?: Date | null;
}

/** An id that cannot name a template answers 404 like an unknown one. */
export function assertTemplateId(id: string): void {
  if (!OBJECT_ID_RE.test(id)) throw fail('not_found', [], '常用语不存在');
}

export function auditTemplate(deps: AppDeps, by: StaffPrincipal, ip: string, action: string, id: string): Promise<void> {
  return recordAudit(deps, { actor: actorOf(by), action, targetType: 'reply_template', targetId: id, ip });
}
