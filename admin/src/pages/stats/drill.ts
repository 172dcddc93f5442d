import { indicatorDef } from '@cgt/shared/stats/indicators';
import { isDayString } from '@cgt/shared/stats/period';
import type { StatUnitKind } from '@cgt/shared/stats/indicators';

/**
 * Drill-down from a figure of the 考核 pages to the ticket list behind it: the workbench URL carries
 * `stat=<indicator>&statUnit=<code|id>&statUnitKind=<district|department>&from&to`, and the list asks the
 * server for exactly the events behind that indicator's numerator (shared/schemas/stats.ts StatDrillQuery).
 */
export interface StatDrill {
  stat: string;
  /** district/zone code or department id; absent = 全市 (everything in the user's scope) */
  statUnit?: string;
  statUnitKind?: StatUnitKind;
  /** only this problem category (the 问题类型 Top 10 figures); with a district or 全市 */
  statCategory?: string;
  /** inclusive days YYYY-MM-DD */
  from: string;
  to: string;
}

/** A drill-down link exists for indicators whose numerator is a list of events (not 平均处置时长). */
export function canDrill(stat: string): boolean {
  return Boolean(indicatorDef(stat)?.drillable);
}

/** The workbench path of a drill-down. */
export function drillPath(d: StatDrill): string {
  const params = new URLSearchParams({ stat: d.stat });
  if (d.statUnit) params.set('statUnit', d.statUnit);
  if (d.statUnit && d.statUnitKind) params.set('statUnitKind', d.statUnitKind);
  if (d.statCategory) params.set('statCategory', d.statCategory);
  params.set('from', d.from);
  params.set('to', d.to);
  return `/tickets?${params.toString()}`;
}

/** Reads a drill-down from the workbench URL; null when absent or not a drillable indicator with valid days. */
export function drillFromParams(params: URLSearchParams): StatDrill | null {
  const stat = params.get('stat');
  const from = params.get('from');
  const to = params.get('to');
  if (!stat || !canDrill(stat) || !from || !to || !isDayString(from) || !isDayString(to)) return null;
  const statUnit = params.get('statUnit') || undefined;
  const kind = params.get('statUnitKind');
  const statUnitKind = kind === 'district' || kind === 'department' ? kind : undefined;
  const category = params.get('statCategory');
  const statCategory = category && /^\d{5}$/.test(category) ? category : undefined;
  return { stat, statUnit, statUnitKind, statCategory, from, to };
}

/** The query of GET /admin/tickets for a drill-down: with `stat`, from/to are the period's days (not a 上报时间 filter). */
export function drillQuery(d: StatDrill): Record<string, string> {
  const q: Record<string, string> = { stat: d.stat, from: d.from, to: d.to };
  if (d.statUnit) q.statUnit = d.statUnit;
  if (d.statUnit && d.statUnitKind) q.statUnitKind = d.statUnitKind;
  if (d.statCategory) q.statCategory = d.statCategory;
  return q;
}
