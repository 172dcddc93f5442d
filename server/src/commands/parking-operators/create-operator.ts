import { Types } from 'mongoose';
import type { z } from 'zod';
import type { OperatorCreateRequest } from '@cgt/shared/schemas/parking';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { actorOf, recordAudit } from '../../services/audit.js';
import { newApiKey } from '../../services/operator-api-key.js';
import { checkParkingIds, type OperatorRecord, type OperatorWithKey } from './common.js';

/** 新增运营方 (admins): its car parks must exist; an API key is issued (only its SHA-256 is stored) and returned once. */
export async function createOperator(deps: AppDeps, by: StaffPrincipal, body: z.infer<typeof OperatorCreateRequest>, ip: string): Promise<OperatorWithKey> {
  const parkingIds = await checkParkingIds(deps, body.parkingIds);
  const _id = new Types.ObjectId();
  const key = newApiKey(String(_id));
  const doc = await deps.models.ParkingOperator.create({ _id, name: body.name, parkingIds, keyHash: key.hash, keyPrefix: key.prefix, createdBy: by.userId });
  await recordAudit(deps, { actor: actorOf(by), action: 'parking_operator.create', targetType: 'parking_operator', targetId: String(_id), ip, details: { name: body.name, parkingIds } });
  return { operator: doc.toObject() as OperatorRecord, apiKey: key.key };
}
