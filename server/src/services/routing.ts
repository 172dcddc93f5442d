import type { AreaGeometry } from '@cgt/shared/geo/polygon';
import type { AppDeps } from '../deps.js';
import { currentGenerationSnapshot } from '../db/snapshot.js';
import type { Models } from '../models/index.js';
import { AreaIndex, type Area } from '../domain/routing/area-index.js';
import { chooseRule, type RuleCandidate } from '../domain/routing/rules.js';
import { ruleLabel } from '../domain/routing/labels.js';

export interface RoutingResult {
  district: { code: string; name: string };
  zone: { code: string; name: string; demo: boolean } | null;
  department: { id: string; name: string } | null;
  ruleId: string | null;
  reason: string;
}

export interface Snapshot {
  /** the generation stamp the snapshot was built at */
  version: number;
  index: AreaIndex;
  rules: (RuleCandidate & { name: string })[];
  departments: Map<string, { id: string; name: string; active: boolean; districtCode: string; demo: boolean }>;
  /** every active district and zone without its geometry (the 考核 units: commands/stats/units.ts) */
  regions: { code: string; name: string; kind: 'district' | 'zone'; demo: boolean }[];
}

/**
 * The districts/zones/departments/rules in memory, one snapshot per generation (db/snapshot.ts). Readers
 * wait for the stamp check (a single _id read every few seconds) rather than route with stale rules.
 */
export const ROUTING_GENERATION = 'routing';
const routingData = currentGenerationSnapshot<Snapshot, Pick<AppDeps, 'models'>>({
  generation: ROUTING_GENERATION,
  serveStaleWhileRebuilding: false,
  build: (deps, { stamp }) => build(deps.models, stamp),
});

/**
 * Marks districts/zones/departments/rules as changed: every instance rebuilds its index at its next
 * stamp check (this one before its next read). Call after the write succeeded.
 */
export async function bumpRoutingVersion(deps: Pick<AppDeps, 'models'>): Promise<void> {
  await routingData.invalidate(deps);
}

async function build(models: Models, version: number): Promise<Snapshot> {
  const [areas, rules, departments] = await Promise.all([
    models.District.find({ active: { $ne: false } }, { code: 1, name: 1, kind: 1, demo: 1, geometry: 1 }).lean(),
    models.RoutingRule.find({}, { scopeCode: 1, categoryCode: 1, departmentId: 1, priority: 1, name: 1 }).lean(),
    models.Department.find({}, { name: 1, active: 1, districtCode: 1, demo: 1 }).lean(),
  ]);
  const parsed: Area[] = [];
  for (const a of areas) {
    try {
      parsed.push({ code: a.code, name: a.name, kind: a.kind, demo: !!a.demo, geometry: JSON.parse(a.geometry) as AreaGeometry });
    } catch {
      // an unreadable geometry must not take routing down for every other area; import validates new ones
    }
  }
  return {
    version,
    index: new AreaIndex(parsed),
    rules: rules.map((r) => ({
      id: String(r._id),
      scopeCode: r.scopeCode,
      categoryCode: r.categoryCode,
      departmentId: r.departmentId,
      priority: r.priority ?? 0,
      name: r.name ?? '',
    })),
    departments: new Map(
      departments.map((d) => [String(d._id), { id: String(d._id), name: d.name, active: d.active !== false, districtCode: d.districtCode, demo: !!d.demo }]),
    ),
    regions: areas.map((a) => ({ code: a.code, name: a.name, kind: a.kind as 'district' | 'zone', demo: !!a.demo })),
  };
}

/** The current routing snapshot, rebuilt when the data generation moved (checked at most every few seconds). */
export async function routingSnapshot(deps: Pick<AppDeps, 'models'>): Promise<Snapshot> {
  return routingData.get(deps);
}

/**
 * Where a GCJ-02 point belongs and who should handle it. null = outside every county-level division
 * (the caller answers 422 outside_jurisdiction).
 */
export async function resolveRouting(
  deps: AppDeps,
  point: { lat: number; lng: number } /* GCJ-02 */,
  categoryCode?: string,
): Promise<RoutingResult | null> {
  const snap = await routingSnapshot(deps);
  return routeWith(snap, point, categoryCode);
}

export function routeWith(snap: Snapshot, point: { lat: number; lng: number }, categoryCode?: string): RoutingResult | null {
  const hit = snap.index.resolve(point);
  if (!hit) return null;
  const { district, zone } = hit;
  const rule = chooseRule(snap.rules, { districtCode: district.code, zoneCode: zone?.code ?? null, categoryCode }, (id) => snap.departments.get(id)?.active === true);
  const dept = rule ? snap.departments.get(rule.departmentId) : undefined;
  const where = zone ? `坐标位于${zone.name}（功能区优先，所属${district.name}）` : `坐标位于${district.name}`;
  let why: string;
  if (rule && dept) {
    const label = rule.name || ruleLabel(snap.index.get(rule.scopeCode)?.name ?? rule.scopeCode, rule.categoryCode);
    const fallback = zone && rule.scopeCode !== zone.code ? `${zone.name}无适用规则，` : '';
    why = `${fallback}按规则「${label}」派往 ${dept.name}`;
  } else {
    why = categoryCode ? '无适用的派遣规则，待指挥中心人工派遣' : '未指定问题类别，待指挥中心派遣';
  }
  return {
    district: { code: district.code, name: district.name },
    zone: zone ? { code: zone.code, name: zone.name, demo: zone.demo } : null,
    department: dept ? { id: dept.id, name: dept.name } : null,
    ruleId: rule && dept ? rule.id : null,
    reason: `${where}；${why}`,
  };
}
