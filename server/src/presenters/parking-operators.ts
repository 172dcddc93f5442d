import type { z } from 'zod';
import type { OperatorView } from '@cgt/shared/schemas/parking';
import type { OperatorRecord } from '../commands/parking-operators/common.js';

/** A car park operator as the console shows it: never the key hash, only the key's prefix. */
export function presentOperator(o: OperatorRecord): z.infer<typeof OperatorView> {
  return {
    id: String(o._id),
    name: o.name,
    parkingIds: o.parkingIds ?? [],
    keyPrefix: o.keyPrefix,
    active: o.active !== false,
    createdAt: (o.createdAt ?? new Date(0)).toISOString(),
  };
}
