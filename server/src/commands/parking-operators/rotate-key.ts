import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { actorOf, recordAudit } from '../../services/audit.js';
import { newApiKey } from '../../services/operator-api-key.js';
import type { OperatorWithKey } from './common.js';

/** 重新签发 API Key (admins): the old key stops working at once; the new one is returned once. 404 for an unknown id. */
export async function rotateOperatorKey(deps: AppDeps, by: StaffPrincipal, rawId: string, ip: string): Promise<OperatorWithKey> {
  const id = rawId.toLowerCase();
  const key = newApiKey(id);
  const doc = await deps.models.ParkingOperator.findOneAndUpdate({ _id: id }, { $set: { keyHash: key.hash, keyPrefix: key.prefix } }, { returnDocument: 'after' }).lean();
  if (!doc) throw fail('not_found', [], '运营方不存在');
  await recordAudit(deps, { actor: actorOf(by), action: 'parking_operator.rotate_key', targetType: 'parking_operator', targetId: id, ip });
  return { operator: doc, apiKey: key.key };
}
