import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { actorOf, recordAudit } from '../../services/audit.js';

/** 删除运营方 (admins): its API key stops working with it. 404 for an unknown id. */
export async function deleteOperator(deps: AppDeps, by: StaffPrincipal, id: string, ip: string): Promise<void> {
  const res = await deps.models.ParkingOperator.deleteOne({ _id: id.toLowerCase() });
  if (res.deletedCount === 0) throw fail('not_found', [], '运营方不存在');
  await recordAudit(deps, { actor: actorOf(by), action: 'parking_operator.delete', targetType: 'parking_operator', targetId: id, ip });
}
