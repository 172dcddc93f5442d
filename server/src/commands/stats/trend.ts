import { addCounters, emptyCounters } from '@cgt/shared/stats/counters';
import { computeIndicator, indicatorDef } from '@cgt/shared/stats/indicators';
import { addMonths, firstDayOfMonth, lastDayOfMonth, monthOfDay, shanghaiDayOf } from '@cgt/shared/stats/period';
import type { CategoryBreakdownQuery, CategoryBreakdownResponse, TrendQuery, TrendResponse } from '@cgt/shared/schemas/stats';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { readPeriod } from './read-rows.js';
import { departmentCounters, regionCounters, totalCounters, visibleDepartments, visibleRegions } from './units.js';

/** GET /api/v1/admin/stats/trend: one indicator of one unit (or 全市 in scope) month by month. */
export async function trend(deps: AppDeps, p: StaffPrincipal, q: TrendQuery): Promise<TrendResponse> {
  const def = indicatorDef(q.indicator)!;
  const last = q.to ?? monthOfDay(shanghaiDayOf(deps.now()));
  const months = Array.from({ length: q.months }, (_, i) => addMonths(last, i - q.months + 1));
  const regions = await visibleRegions(deps, p);
  let name = '全市';
  let pick: (sums: Awaited<ReturnType<typeof readPeriod>>) => ReturnType<typeof emptyCounters>;
  if (!q.code) {
    if (p.districtCodes.length) name = '合计';
    if (q.unit === 'department') {
      const depts = await visibleDepartments(deps, p, regions);
      pick = (sums) => depts.reduce((c, d) => addCounters(c, departmentCounters(sums, d.id)), emptyCounters());
    } else pick = (sums) => totalCounters(sums, regions);
  } else if (q.unit === 'district') {
    const r = regions.find((x) => x.code === q.code);
    if (!r) throw fail('not_found', [], '区域不存在或不在您的辖区内');
    name = r.name;
    pick = (sums) => regionCounters(sums, r);
  } else {
    const d = (await visibleDepartments(deps, p, regions)).find((x) => x.id === q.code);
    if (!d) throw fail('not_found', [], '处置单位不存在或不在您的辖区内');
    name = d.name;
    pick = (sums) => departmentCounters(sums, d.id);
  }
  const points = await Promise.all(
    months.map(async (m) => ({ month: m, value: computeIndicator(def, pick(await readPeriod(deps, firstDayOfMonth(m), lastDayOfMonth(m)))) })),
  );
  return { indicator: def.name, label: def.label, kind: def.kind, unit: q.unit, ...(q.code ? { code: q.code } : {}), name, points };
}

/** GET /api/v1/admin/stats/categories: top problem categories per district/zone in scope. */
export async function categoryBreakdown(deps: AppDeps, p: StaffPrincipal, q: CategoryBreakdownQuery): Promise<CategoryBreakdownResponse> {
  let regions = (await visibleRegions(deps, p)).filter((r) => r.kind === 'district');
  if (q.districtCode) {
    regions = regions.filter((r) => r.code === q.districtCode);
    if (regions.length === 0) throw fail('not_found', [], '区域不存在或不在您的辖区内');
  }
  const sums = await readPeriod(deps, q.from, q.to);
  type Row = CategoryBreakdownResponse['total'][number];
  const all = new Map<string, Row>();
  const top = (m: Map<string, Row>) =>
    [...m.values()].sort((a, b) => b.reportedCount - a.reportedCount || b.acceptedCount - a.acceptedCount || a.categoryCode.localeCompare(b.categoryCode)).slice(0, q.limit);
  const add = (m: Map<string, Row>, code: string, name: string, c: Record<string, number>) => {
    let r = m.get(code);
    if (!r) m.set(code, (r = { categoryCode: code, categoryName: name, reportedCount: 0, acceptedCount: 0, closedCount: 0 }));
    r.reportedCount += c.reported ?? 0;
    r.acceptedCount += c.accepted ?? 0;
    r.closedCount += c.closed ?? 0;
  };
  const items = regions.map((r) => {
    const own = new Map<string, Row>();
    for (const [code, cell] of sums.get(r.code)?.byCat ?? []) {
      add(own, code, cell.name, cell.c);
      add(all, code, cell.name, cell.c);
    }
    return { code: r.code, name: r.name, categories: top(own) };
  });
  return { from: q.from, to: q.to, items, total: top(all) };
}
