import { Empty, Table, Typography } from 'antd';
import type { CategoryBreakdownResponse } from '@cgt/shared/schemas/stats';

type Row = CategoryBreakdownResponse['total'][number];

/**
 * Top problem categories of one district/zone (or 全市): 上报 / 立案 / 结案 with a bar for 上报. Not links yet:
 * the drill-down of the ticket list has no category filter (StatDrillQuery), so a link could not be exact.
 */
export function CategoryBreakdown({ rows }: { rows: Row[] }) {
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
        { title: '上报', dataIndex: 'reportedCount', width: 64, align: 'right', },
        { title: '立案', dataIndex: 'acceptedCount', width: 64, align: 'right', },
        { title: '结案', dataIndex: 'closedCount', width: 64, align: 'right', },
      ]}
    />
  );
}
