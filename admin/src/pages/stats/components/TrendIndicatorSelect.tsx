import { Select } from 'antd';
import { INDICATOR_GROUP_LABELS, indicatorsFor, type StatUnitKind } from '@cgt/shared/stats/indicators';

/** The indicator of the trend line, grouped as in the ranking. */
export function TrendIndicatorSelect({ unit, value, onChange }: { unit: StatUnitKind; value: string; onChange: (v: string) => void }) {
  const defs = indicatorsFor(unit);
  const groups = [...new Set(defs.map((d) => d.group))];
  return (
    <Select
      size="small"
      style={{ width: 180 }}
      value={defs.some((d) => d.name === value) ? value : undefined}
      onChange={onChange}
      showSearch
      optionFilterProp="label"
      data-testid="trend-indicator"
      options={groups.map((g) => ({
        label: INDICATOR_GROUP_LABELS[g],
        options: defs.filter((d) => d.group === g).map((d) => ({ value: d.name, label: d.label })),
      }))}
    />
  );
}
