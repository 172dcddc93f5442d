import { CATEGORY_GROUPS } from '@cgt/shared/categories/seed';
import type { AppDeps } from '../../deps.js';
import { fail } from '../../http/errors.js';
import { ANY_CATEGORY } from '../../domain/routing/rules.js';

/** The district or zone must exist: 422 unknown_district naming the field. Returns its kind and name. */
export async function assertArea(deps: AppDeps, code: string, field: string): Promise<{ kind: 'district' | 'zone'; name: string }> {
  const area = await deps.models.District.findOne({ code }, { kind: 1, name: 1 }).lean();
  if (!area) {
    const message = `未知的区县或功能区代码 ${code}`;
    throw fail('unknown_district', [{ field, message }], message);
  }
  return { kind: area.kind, name: area.name };
}

export async function assertDepartment(deps: AppDeps, id: string, field: string): Promise<{ name: string }> {
  const d = await deps.models.Department.findById(id, { name: 1 }).lean();
  if (!d) {
    const message = `处置单位 ${id} 不存在`;
    throw fail('unknown_department', [{ field, message }], message);
  }
  return { name: d.name };
}

/** '*' always; a 2-digit group only if it is a known major class; a 5-digit code only if the category exists. */
export async function assertRuleCategory(deps: AppDeps, categoryCode: string, field: string): Promise<void> {
  if (categoryCode === ANY_CATEGORY) return;
  const known = categoryCode.length === 2 ? categoryCode in CATEGORY_GROUPS : !!(await deps.models.Category.findById(categoryCode, { _id: 1 }).lean());
  if (!known) {
    const message = `未知的类别或类别组 ${categoryCode}`;
    throw fail('unknown_category', [{ field, message }], message);
  }
}
