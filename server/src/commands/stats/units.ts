import { addCounters, emptyCounters, type StatCounters } from '@cgt/shared/stats/counters';
import type { AppDeps } from '../../deps.js';
import { canSeeDistrict, type ScopePrincipal } from '../../policies/staff-scope.js';
import type { DistrictSums } from './read-rows.js';
import { routingSnapshot } from '../../services/routing.js';

/**
 * The units of the rankings (districts, functional zones, departments) as the caller may see them:
 * a district's staff their districts/zones and the departments serving them; leaders and admins with no
 * district all. Each unit's counters come from the per-district sums (read-rows.ts).
 */

export interface RegionUnit {
  code: string;
  name: string;
  kind: 'district' | 'zone';
  demo: boolean;
}
export interface DepartmentUnit {
  id: string;
  name: string;
  districtCode: string;
  districtName: string;
  demo: boolean;
}

// districts, zones and departments from the routing snapshot (services/routing.ts): in memory per data
// generation, so a ranking does not read the districts' documents (their polygons) on every request
export async function visibleRegions(deps: AppDeps, p: ScopePrincipal): Promise<RegionUnit[]> {
  const { regions } = await routingSnapshot(deps);
  return regions
    .filter((r) => canSeeDistrict(p, r.code))
    .map((r) => ({ ...r }))
    .sort((a, b) => (a.kind === b.kind ? a.code.localeCompare(b.code) : a.kind === 'district' ? -1 : 1));
}

export async function visibleDepartments(deps: AppDeps, p: ScopePrincipal, regions: RegionUnit[]): Promise<DepartmentUnit[]> {
  const names = new Map(regions.map((r) => [r.code, r.name]));
  const { departments } = await routingSnapshot(deps);
  return [...departments.values()]
    .filter((d) => canSeeDistrict(p, d.districtCode))
    .map((d) => ({ id: d.id, name: d.name, districtCode: d.districtCode, districtName: names.get(d.districtCode) ?? d.districtCode, demo: d.demo }))
    .sort((a, b) => a.districtCode.localeCompare(b.districtCode) || a.name.localeCompare(b.name));
}

/** A district's or zone's counters. */
export function regionCounters(sums: Map<string, DistrictSums>, unit: Pick<RegionUnit, 'code' | 'kind'>): StatCounters {
  if (unit.kind === 'district') return sums.get(unit.code)?.total ?? emptyCounters();
  const c = emptyCounters();
  for (const s of sums.values()) {
    const z = s.byZone.get(unit.code);
    if (z) addCounters(c, z);
  }
  return c;
}

export function departmentCounters(sums: Map<string, DistrictSums>, id: string): StatCounters {
  const c = emptyCounters();
  for (const s of sums.values()) {
    const d = s.byDept.get(id);
    if (d) addCounters(c, d);
  }
  return c;
}

/**
 * 合计/全市 of what the caller sees: all districts' sums when every district is visible, else the
 * visible districts plus the visible zones outside them (a zone-only officer's total is the zone's).
 */
export function totalCounters(sums: Map<string, DistrictSums>, regions: RegionUnit[]): StatCounters {
  const c = emptyCounters();
  const districts = regions.filter((r) => r.kind === 'district');
  for (const d of districts) addCounters(c, regionCounters(sums, d));
  if (districts.length === 0) for (const z of regions) addCounters(c, regionCounters(sums, z));
  return c;
}
