import { useMemo } from 'react';
import { Select } from 'antd';
import type { AssessmentResponse } from '@cgt/shared/schemas/stats';
import { indicatorDef, indicatorsFor } from '@cgt/shared/stats/indicators';
import { formatIndicator, formatScore } from '@cgt/shared/stats/format';
import { DEFAULT_WEIGHTS, GRADES } from '@cgt/shared/stats/score';
import type { AssessmentMapProps, MapBand } from './AssessmentMap';

/** Figures every hover card shows, after the score and grade. */
const CARD_INDICATORS = ['reportedCount', 'closeRate', 'onTimeCloseRate', 'onTimeHandleRate', 'satisfactionRate', 'overdueUnclosedCount'];

/** Grade colours of the period: those the server sent with the items (the weights version in force), else the defaults. */
export function gradeBands(data: AssessmentResponse | null): MapBand[] {
  return GRADES.map((g) => {
    const sent = data?.items.find((i) => i.grade === g && i.gradeColor)?.gradeColor ?? (data?.total.grade === g ? data.total.gradeColor : null);
    return { label: g, color: sent ?? DEFAULT_WEIGHTS.bands.find((b) => b.grade === g)!.color };
  });
}

/** The hover card of a unit: name, 综合指标值, 等级, the usual figures and the one the map is coloured by. */
function cardLines(item: AssessmentResponse['items'][number], colourBy: string): string[] {
  const names = colourBy !== 'grade' && !CARD_INDICATORS.includes(colourBy) ? [colourBy, ...CARD_INDICATORS] : CARD_INDICATORS;
  const lines = [item.name, `综合指标值：${formatScore(item.score)}　等级：${item.grade ?? '—'}${item.rank ? `　第 ${item.rank} 名` : ''}`];
  for (const n of names) {
    const def = indicatorDef(n);
    if (def) lines.push(`${def.label}：${formatIndicator(def, item.indicators[n])}`);
  }
  return lines;
}

/** What AssessmentMap needs to colour the districts by grade or by one indicator. */
export function useMapUnits(data: AssessmentResponse | null, colourBy: string): Omit<AssessmentMapProps, 'height' | 'onSelect' | 'renderer'> | null {
  return useMemo(() => {
    if (!data) return null;
    const items = data.items.filter((i) => i.code);
    if (colourBy === 'grade') {
      return {
        mode: 'grade' as const,
        bands: gradeBands(data),
        units: items.map((i) => ({ code: i.code!, value: i.grade ? GRADES.indexOf(i.grade) : null, lines: cardLines(i, colourBy) })),
      };
    }
    const def = indicatorDef(colourBy);
    const values = items.map((i) => i.indicators[colourBy]).filter((v): v is number => typeof v === 'number');
    let min = values.length ? Math.min(...values) : 0;
    let max = values.length ? Math.max(...values) : 1;
    if (def?.kind === 'rate') {
      min = Math.max(0, min);
      max = Math.min(1, max);
    }
    if (max <= min) max = min + (def?.kind === 'rate' ? 0.01 : 1);
    return {
      mode: 'value' as const,
      min,
      max,
      higherIsWorse: Boolean(def?.lowerIsBetter),
      formatValue: (v: number) => (def ? formatIndicator(def, v) : String(v)),
      units: items.map((i) => ({ code: i.code!, value: i.indicators[colourBy] ?? null, lines: cardLines(i, colourBy) })),
    };
  }, [data, colourBy]);
}

/** 着色：按等级 or any district indicator. */
export function ColourBySelect({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <Select
      size="small"
      style={{ width: 180 }}
      value={value}
      onChange={onChange}
      showSearch
      optionFilterProp="label"
      data-testid="colour-by"
      options={[
        { value: 'grade', label: '按等级着色' },
        ...indicatorsFor('district').map((d) => ({ value: d.name, label: `按${d.label}着色` })),
      ]}
    />
  );
}
