import type { AppDeps } from '../../deps.js';
import { isDuplicateKey } from '../../db/claims.js';
import { fail } from '../../http/errors.js';
import { OCCUPANCY_STALE_MS } from '@cgt/shared/schemas/parking';
import { occupancyChanged } from '../../services/poi-index.js';
import type { OperatorPrincipal } from '../../policies/parking-operator.js';

/**
 * Stores one reading. Concurrency: last writer wins by SERVER time — the update only matches while the
 * stored reading is not newer than ours (`updatedAt <= now`), so a request delayed in flight cannot
 * overwrite a later one. On FerretDB that filter is not a strict compare-and-set, but two racing writes
 * then carry (almost) the same server time and either value is a correct "latest" count. The first
 * reading of a car park is an insert; a racing insert gets E11000 and retries as the conditional update.
 */
export async function storeOccupancy(deps: AppDeps, operator: OperatorPrincipal, carParkId: string, freeSpaces: number) {
  const park = await deps.models.CarPark.findById(carParkId, { totalSpaces: 1 }).lean();
  if (!park) throw fail('not_found', [], '停车场不存在');
  if (freeSpaces < 0 || freeSpaces > park.totalSpaces) {
    throw fail('free_spaces_out_of_range', [{ field: 'freeSpaces', message: `应在 0–${park.totalSpaces} 之间` }], `空余车位必须在 0–${park.totalSpaces} 之间`);
  }
  const now = deps.now();
  const set = { freeSpaces, updatedAt: now, operatorId: operator.id };
  const conditional = () => deps.models.ParkingOccupancy.updateOne({ _id: carParkId, updatedAt: { $lte: now } }, { $set: set });
  let res = await conditional();
  if (res.matchedCount === 0) {
    const existing = await deps.models.ParkingOccupancy.findById(carParkId).lean();
    if (!existing) {
      try {
        await deps.models.ParkingOccupancy.create({ _id: carParkId, ...set });
        res = { ...res, matchedCount: 1 };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        res = await conditional();
      }
    }
  }
  const stored = res.matchedCount > 0 ? set : await deps.models.ParkingOccupancy.findById(carParkId).lean();
  if (!stored) throw fail('internal_error', [], '空余车位写入失败');
  const reading = { freeSpaces: stored.freeSpaces, updatedAt: new Date(stored.updatedAt) };
  await occupancyChanged(deps, carParkId, reading);
  return {
    id: carParkId,
    freeSpaces: reading.freeSpaces,
    totalSpaces: park.totalSpaces,
    updatedAt: reading.updatedAt.toISOString(),
    stale: now.getTime() - reading.updatedAt.getTime() > OCCUPANCY_STALE_MS,
  };
}
