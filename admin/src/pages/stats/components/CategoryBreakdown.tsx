import { Link } from 'react-router-dom';
import { Empty, Table, Typography } from 'antd';
import type { CategoryBreakdownResponse } from '@cgt/shared/schemas/stats';
import { drillPath } from '../drill';

type Row = CategoryBreakdownResponse['total'][number];

/**
 * Top problem categories of one district (or 全市): 上报 / 立案 / 结案 with a bar for 上报. Every figure links to
 * the list of exactly those events (the drill-down with statCategory), like the ranking's figures.
 */
export function CategoryBreakdown({ rows, drill }: { rows: Row[]; drill: { statUnit?: string; from: string; to: string } }) {
  const cell = (stat: 'reportedCount' | 'acceptedCount' | 'closedCount') => (n: number, r: Row) =>
    n > 0 ? (
      <Link to={drillPath({ stat, statUnit: drill.statUnit, statUnitKind: drill.statUnit ? 'district' : undefined, statCategory: r.categoryCode, from: drill.from, to: drill.to })} data-testid={`category-drill-${stat}`}>
        {n}
      </Link>
    ) : (
      n
    );
  if (rows.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本期无上报" />;
  const max = Math.max(...rows.map((r) => r.reportedCount), 1);
  return (
    <Table<Row>
      size="small"
      rowKey="categoryCode"
      pagination={false}
      dataSource={rows}
      data-testid="category-breakdown"
      columns={[
        { title: '#', key: 'i', width: 36, render: (_, __, i) => i + 1 },
        {
          title: '问题类型',
          dataIndex: 'categoryName',
          render: (_, r) => (
            <div>
              <Typography.Text>{r.categoryName}</Typography.Text>
              <div style={{ height: 6, marginTop: 2, background: '#f0f0f0', borderRadius: 3 }}>
                <div style={{ width: `${(r.reportedCount / max) * 100}%`, height: 6, background: '#1677ff', borderRadius: 3 }} />
              </div>
            </div>
          ),
        },
        { title: '上报', dataIndex: 'reportedCount', width: 64, align: 'right', render: cell('reportedCount') },
        { title: '立案', dataIndex: 'acceptedCount', width: 64, align: 'right', render: cell('acceptedCount') },
        { title: '结案', dataIndex: 'closedCount', width: 64, align: 'right', render: cell('closedCount') },
      ]}
    />
  );
}
