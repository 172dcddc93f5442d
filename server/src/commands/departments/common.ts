import type { AppDeps } from '../../deps.js';
import { fail } from '../../http/errors.js';

/** A department as stored; 404 when there is none with this id. */
export async function findDepartment(deps: AppDeps, id: string) {
  const d = await deps.models.Department.findById(id).lean();
  if (!d) throw fail('not_found', [], '处置单位不存在');
  return d;
}

export type DepartmentRecord = Awaited<ReturnType<typeof findDepartment>>;
