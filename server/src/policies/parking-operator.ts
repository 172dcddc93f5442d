import type { AppDeps } from '../deps.js';
import { fail } from '../http/errors.js';
import { apiKeyMatches, operatorIdOf } from '../services/operator-api-key.js';

export interface OperatorPrincipal {
  id: string;
  name: string;
}

/**
 * X-Api-Key → the operator, checked in the order the issue fixes: no key or a wrong/revoked key → 401,
 * a car park not assigned to this operator → 403 (whether or not it exists, so ids are not probed).
 */
export async function authenticateOperator(deps: AppDeps, key: string, carParkId: string): Promise<OperatorPrincipal> {
  if (!key) throw fail('api_key_required');
  const id = operatorIdOf(key);
  const op = id ? await deps.models.ParkingOperator.findById(id).lean() : null;
  if (!op || !op.active || !apiKeyMatches(key, op.keyHash)) throw fail('invalid_api_key');
  if (!(op.parkingIds ?? []).includes(carParkId)) throw fail('car_park_not_assigned', [], '该停车场不属于此运营方');
  return { id: String(op._id), name: op.name };
}
