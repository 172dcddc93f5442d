import type { DepartmentView, RoutingRuleView } from '@cgt/shared/schemas/departments';

interface DepartmentLean {
  _id: unknown;
  name: string;
  districtCode: string;
  kind: string;
  phone?: string | null;
  active?: boolean | null;
  demo?: boolean | null;
}

/** `zoneId` repeats the code when the unit serves a functional zone, as the ticket routing record names zones. */
export function presentDepartment(d: DepartmentLean, isZone: (code: string) => boolean): DepartmentView {
  const v: DepartmentView = {
    id: String(d._id),
    name: d.name,
    districtCode: d.districtCode,
    kind: d.kind,
    active: d.active !== false,
    demo: !!d.demo,
  };
  if (isZone(d.districtCode)) v.zoneId = d.districtCode;
  if (d.phone) v.phone = d.phone;
  return v;
}

interface RuleLean {
  _id: unknown;
  scopeCode: string;
  categoryCode: string;
  departmentId: string;
  priority?: number | null;
  name?: string | null;
  demo?: boolean | null;
}

export function presentRule(r: RuleLean, scopeName: (code: string) => string, departmentName: (id: string) => string): RoutingRuleView {
  return {
    id: String(r._id),
    scopeCode: r.scopeCode,
    scopeName: scopeName(r.scopeCode),
    categoryCode: r.categoryCode,
    departmentId: r.departmentId,
    departmentName: departmentName(r.departmentId),
    priority: r.priority ?? 0,
    name: r.name ?? '',
    demo: !!r.demo,
  };
}
