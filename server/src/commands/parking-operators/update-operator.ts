import type { z } from 'zod';
import type { OperatorPatchRequest } from '@cgt/shared/schemas/parking';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { actorOf, recordAudit } from '../../services/audit.js';
import { checkParkingIds, type OperatorRecord } from './common.js';

/** 修改运营方 (admins): name, car parks (each must exist), active. 404 for an unknown id. */
export async function updateOperator(deps: AppDeps, by: StaffPrincipal, id: string, body: z.infer<typeof OperatorPatchRequest>, ip: string): Promise<OperatorRecord> {
  const set: Record<string, unknown> = {};
  if (body.name !== undefined) set.name = body.name;
  if (body.active !== undefined) set.active = body.active;
  if (body.parkingIds !== undefined) set.parkingIds = await checkParkingIds(deps, body.parkingIds);
  const doc = await deps.models.ParkingOperator.findOneAndUpdate({ _id: id.toLowerCase() }, { $set: set }, { returnDocument: 'after' }).lean();
  if (!doc) throw fail('not_found', [], '运营方不存在');
  await recordAudit(deps, { actor: actorOf(by), action: 'parking_operator.update', targetType: 'parking_operator', targetId: String(doc._id), ip, details: set });
  return doc;
}
