import { useMemo } from 'react';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Table, Tag, Tooltip, Typography } from 'antd';
import type { AssessmentItem, AssessmentResponse } from '@cgt/shared/schemas/stats';
import { INDICATOR_GROUP_LABELS, indicatorsFor, type IndicatorDef, type IndicatorGroup, type StatUnitKind } from '@cgt/shared/stats/indicators';
import { formatScore } from '@cgt/shared/stats/format';
import { IndicatorCell, TrendArrow } from './IndicatorCell';

export interface RankingTableProps {
  data: AssessmentResponse | null;
  unit: StatUnitKind;
  loading?: boolean;
  toolBar?: React.ReactNode[];
  /** Clicking a unit's name (e.g. to show its trend and categories). */
  onSelectUnit?: (code: string) => void;
}

/** Empty values (null / undefined) sort after every number, whichever the direction. */
function compareNullable(a: number | null | undefined, b: number | null | undefined): number {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an && bn) return 0;
  if (an) return 1;
  if (bn) return -1;
  return a - b;
}

const keyOf = (item: Pick<AssessmentItem, 'code' | 'id' | 'name'>) => item.code ?? item.id ?? item.name;

/** The ranking: 排名, unit, 综合指标值, 等级, then every indicator of the unit kind grouped as the 考核方案 groups them. */
export function RankingTable({ data, unit, loading, toolBar, onSelectUnit }: RankingTableProps) {
  const period = data ? { from: data.from, to: data.to } : null;

  const columns = useMemo<ProColumns<AssessmentItem>[]>(() => {
    const defs = indicatorsFor(unit);
    const groups = new Map<IndicatorGroup, IndicatorDef[]>();
    defs.forEach((d) => groups.set(d.group, [...(groups.get(d.group) ?? []), d]));
    const indicatorColumn = (def: IndicatorDef): ProColumns<AssessmentItem> => ({
      title: def.label,
      key: def.name,
      tooltip: def.formula,
      width: def.kind === 'count' ? 92 : 112,
      align: 'right',
      sorter: (a, b) => compareNullable(a.indicators[def.name], b.indicators[def.name]),
      render: (_, r) => (
        <IndicatorCell
          def={def}
          value={r.indicators[def.name]}
          previous={r.previous ? (r.previous.indicators[def.name] ?? null) : undefined}
          drill={period ? { ...period, statUnit: keyOf(r), statUnitKind: unit } : undefined}
        />
      ),
    });
    return [
      { title: '排名', dataIndex: 'rank', width: 64, fixed: 'left', align: 'center', sorter: (a, b) => compareNullable(a.rank, b.rank), defaultSortOrder: 'ascend', render: (_, r) => r.rank ?? '—' },
      {
        title: unit === 'district' ? '区县 / 功能区' : '处置单位',
        dataIndex: 'name',
        width: unit === 'district' ? 150 : 200,
        fixed: 'left',
        render: (_, r) => (
          <span data-testid={`unit-${keyOf(r)}`}>
            {onSelectUnit ? <Typography.Link onClick={() => onSelectUnit(keyOf(r))}>{r.name}</Typography.Link> : r.name}
            {r.kind === 'zone' ? <Tag style={{ marginLeft: 4, fontSize: 11 }}>功能区</Tag> : null}
            {r.demo ? <Tag color="warning" style={{ marginLeft: 4, fontSize: 11 }}>示例</Tag> : null}
            {unit === 'department' && r.districtName ? <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{r.districtName}</div> : null}
          </span>
        ),
      },
      {
        title: '综合指标值',
        key: 'score',
        tooltip: data?.scoreFormula,
        width: 116,
        fixed: 'left',
        align: 'right',
        sorter: (a, b) => compareNullable(a.score, b.score),
        render: (_, r) => (
          <span style={{ whiteSpace: 'nowrap', fontWeight: 600 }} data-testid="score">
            {formatScore(r.score)}
            {r.previous ? <TrendArrow def={null} now={r.score} before={r.previous.score} format={formatScore} /> : null}
          </span>
        ),
      },
      {
        title: '等级',
        key: 'grade',
        width: 76,
        align: 'center',
        render: (_, r) =>
          r.grade ? (
            <Tag color={r.gradeColor ?? undefined} style={{ marginInlineEnd: 0 }} data-testid="grade">
              {r.grade}
            </Tag>
          ) : (
            <Tooltip title="本期没有可计算的加权指标">—</Tooltip>
          ),
      },
      ...[...groups.entries()].map(([group, list]) => ({
        title: INDICATOR_GROUP_LABELS[group],
        key: `group-${group}`,
        children: list.map(indicatorColumn),
      })),
    ];
  }, [unit, data?.scoreFormula, period?.from, period?.to, onSelectUnit]); // eslint-disable-line react-hooks/exhaustive-deps

  const leafColumns = useMemo(() => columns.flatMap((c) => ('children' in c && c.children ? (c.children as ProColumns<AssessmentItem>[]) : [c])), [columns]);
  const scrollX = leafColumns.reduce((s, c) => s + (typeof c.width === 'number' ? c.width : 100), 0);

  return (
    <ProTable<AssessmentItem>
      rowKey={(r) => keyOf(r)}
      columns={columns}
      dataSource={data?.items ?? []}
      loading={loading}
      search={false}
      pagination={false}
      size="small"
      bordered
      headerTitle={unit === 'district' ? '区县 / 功能区排名' : '处置单位排名'}
      toolBarRender={() => toolBar ?? []}
      options={false}
      scroll={{ x: scrollX }}
      // the formula tooltip is the header's only tooltip (no "点击升序" on top of it)
      showSorterTooltip={false}
      data-testid={`ranking-${unit}`}
      summary={() =>
        data ? (
          <Table.Summary>
            <Table.Summary.Row style={{ background: '#fafafa', fontWeight: 600 }} data-testid="ranking-total">
              {leafColumns.map((c, i) => {
                const key = String(c.key ?? c.dataIndex);
                const def = indicatorsFor(unit).find((d) => d.name === key);
                let cell: React.ReactNode = null;
                if (key === 'name') cell = data.total.name;
                else if (key === 'score') cell = formatScore(data.total.score);
                else if (key === 'grade') cell = data.total.grade ? <Tag color={data.total.gradeColor ?? undefined}>{data.total.grade}</Tag> : '—';
                else if (def) cell = <IndicatorCell def={def} value={data.total.indicators[def.name]} drill={{ from: data.from, to: data.to }} />;
                return (
                  <Table.Summary.Cell key={key} index={i} align={c.align as 'right' | undefined}>
                    {cell}
                  </Table.Summary.Cell>
                );
              })}
            </Table.Summary.Row>
          </Table.Summary>
        ) : null
      }
    />
  );
}
