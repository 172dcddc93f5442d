import { Link } from 'react-router-dom';
import { Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import type { IndicatorDef } from '@cgt/shared/stats/indicators';
import { EMPTY_VALUE, formatIndicator } from '@cgt/shared/stats/format';
import { canDrill, drillPath, type StatDrill } from '../drill';
import { trendOf } from '../trend';

const TONE_COLORS = { good: '#389e0d', bad: '#cf1322', neutral: '#8c8c8c' } as const;

/** 环比 arrow with the previous value in its tooltip. */
export function TrendArrow({ def, now, before, format }: { def: IndicatorDef | null; now: number | null | undefined; before: number | null | undefined; format: (v: number | null | undefined) => string }) {
  const t = trendOf(def, now, before);
  if (!t) return null;
  const Icon = t.direction === 'up' ? ArrowUpOutlined : t.direction === 'down' ? ArrowDownOutlined : MinusOutlined;
  return (
    <Tooltip title={`上期 ${format(before)}`}>
      <Icon style={{ color: TONE_COLORS[t.tone], fontSize: 11, marginLeft: 3 }} data-testid={`trend-${t.direction}`} aria-label={`环比${t.direction === 'up' ? '上升' : t.direction === 'down' ? '下降' : '持平'}`} />
    </Tooltip>
  );
}

/** One figure of the ranking: the formatted value ("—" for an empty denominator), a drill-down link, the 环比 arrow. */
export function IndicatorCell({ def, value, previous, drill }: { def: IndicatorDef; value: number | null | undefined; previous?: number | null; drill?: Omit<StatDrill, 'stat'> }) {
  const text = formatIndicator(def, value);
  const linked = drill && text !== EMPTY_VALUE && canDrill(def.name);
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {linked ? (
        <Link to={drillPath({ ...drill, stat: def.name })} data-testid={`drill-${def.name}`}>
          {text}
        </Link>
      ) : text === EMPTY_VALUE ? (
        <Tooltip title="分母为 0，本期不计算">
          <Typography.Text type="secondary">{text}</Typography.Text>
        </Tooltip>
      ) : (
        text
      )}
      {previous !== undefined ? <TrendArrow def={def} now={value} before={previous} format={(v) => formatIndicator(def, v)} /> : null}
    </span>
  );
}
