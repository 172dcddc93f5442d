import type { IndicatorDef } from './indicators';

/** How an indicator value is shown: empty denominators as "—", never as 0% or NaN. */

export const EMPTY_VALUE = '—';

export function formatIndicator(def: Pick<IndicatorDef, 'kind'>, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY_VALUE;
  if (def.kind === 'rate') return `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
  if (def.kind === 'hours') return `${(Math.round(value * 10) / 10).toFixed(1)} 小时`;
  return String(value);
}

export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined || !Number.isFinite(score)) return EMPTY_VALUE;
  return score.toFixed(1);
}

/** The "as of" rule, stated on every statistics page, export and bulletin. */
export const AS_OF_NOTE =
  '统计口径：事件发生在哪个时段就计入哪个时段（如 11 月立案、12 月结案的工单计入 11 月立案数和 12 月结案数）；' +
  '“按期”以事件发生时有效的时限（含延期、重办后的新时限）判断；“超期未结/超期待处置/积案”指时限落在本期且已过、至今未办结的工单，办结后移出并计入办结所在期。';
