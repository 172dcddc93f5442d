import type { AppDeps } from '../deps.js';
import { forbidden, unauthorized } from '../http/errors.js';
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
  if (!key) throw unauthorized('缺少 X-Api-Key 请求头', 'api_key_required');
  const id = operatorIdOf(key);
  const op = id ? await deps.models.ParkingOperator.findById(id).lean() : null;
  if (!op || !op.active || !apiKeyMatches(key, op.keyHash)) throw unauthorized('API Key 无效或已停用', 'invalid_api_key');
  if (!(op.parkingIds ?? []).includes(carParkId)) throw forbidden('该停车场不属于此运营方', 'car_park_not_assigned');
  return { id: String(op._id), name: op.name };
}
