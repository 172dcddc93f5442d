import { DatePicker, Segmented, Space } from 'antd';
import dayjs from 'dayjs';
import { customPeriod, PERIOD_KIND_LABELS, periodContaining, type Period, type PeriodKind } from '../period';

const KINDS: PeriodKind[] = ['month', 'quarter', 'year', 'custom'];

/** 月度 (default) / 季度 / 年度 / 自定义: a kind and the matching picker; emits whole calendar periods. */
export function PeriodPicker({ value, onChange }: { value: Period; onChange: (p: Period) => void }) {
  const anchor = dayjs(value.from);
  const setKind = (kind: PeriodKind) => {
    if (kind === 'custom') onChange(customPeriod(value.from, value.to));
    else onChange(periodContaining(kind, anchor));
  };
  return (
    <Space wrap data-testid="period-picker">
      <Segmented<PeriodKind>
        value={value.kind}
        onChange={setKind}
        options={KINDS.map((k) => ({ label: PERIOD_KIND_LABELS[k], value: k }))}
      />
      {value.kind === 'custom' ? (
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(value.from), dayjs(value.to)]}
          disabledDate={(d) => d.isAfter(dayjs().endOf('day'))}
          onChange={(range) => {
            if (range?.[0] && range[1]) onChange(customPeriod(range[0], range[1]));
          }}
        />
      ) : (
        <DatePicker
          allowClear={false}
          picker={value.kind}
          value={anchor}
          data-testid="period-date"
          // periods that have not begun yet have no figures
          disabledDate={(d) => d.isAfter(dayjs(), value.kind === 'year' ? 'year' : 'month')}
          onChange={(d) => d && value.kind !== 'custom' && onChange(periodContaining(value.kind, d))}
        />
      )}
    </Space>
  );
}
