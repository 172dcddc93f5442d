import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { auditTemplate, loadTemplate } from './common.js';
import { assertMayEdit } from './update-template.js';

/**
 * 删除常用语 (its author or an admin): a built-in one is kept as retired, so that the seed, which adds what
 * is missing, does not bring it back at the next start. 404 for an unknown or already deleted id.
 */
export async function deleteTemplate(deps: AppDeps, by: StaffPrincipal, id: string, ip: string): Promise<void> {
  const current = await loadTemplate(deps, id);
  assertMayEdit(by, current);
  if (current.builtIn) await deps.models.ReplyTemplate.updateOne({ _id: id }, { $set: { retired: true } });
  else await deps.models.ReplyTemplate.deleteOne({ _id: id });
  await auditTemplate(deps, by, ip, 'reply_template.delete', id, { title: current.title });
}
