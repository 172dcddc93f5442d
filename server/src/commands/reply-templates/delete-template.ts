import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { assertTemplateId, auditTemplate } from './common.js';

/** 删除常用语: 404 for an unknown id. */
export async function deleteTemplate(deps: AppDeps, by: StaffPrincipal, id: string, ip: string): Promise<void> {
  assertTemplateId(id);
  const res = await deps.models.ReplyTemplate.deleteOne({ _id: id });
  if (res.deletedCount === 0) throw fail('not_found', [], '常用语不存在');
  await auditTemplate(deps, by, ip, 'reply_template.delete', id);
}
