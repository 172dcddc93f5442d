import type { IndicatorDef } from '@cgt/shared/stats/indicators';

/** Which way a change went, and whether that is good: counts carry no judgement (grey arrows). */
export function trendOf(def: Pick<IndicatorDef, 'kind' | 'lowerIsBetter'> | null, now: number | null | undefined, before: number | null | undefined):
  | { direction: 'up' | 'down' | 'same'; tone: 'good' | 'bad' | 'neutral' }
  | null {
  if (now === null || now === undefined || before === null || before === undefined) return null;
  if (now === 0 && before === 0) return null; // nothing either time: no arrow to read
  const eps = def && def.kind === 'rate' ? 0.0005 : 0.05;
  if (Math.abs(now - before) < eps) return { direction: 'same', tone: 'neutral' };
  const direction = now > before ? 'up' : 'down';
  if (def && def.kind === 'count') return { direction, tone: 'neutral' };
  const better = def?.lowerIsBetter ? direction === 'down' : direction === 'up';
  return { direction, tone: better ? 'good' : 'bad' };
}
