import { lazy, Suspense, useState } from 'react';
import { Alert, Button, Card, Col, List, Row, Space, Spin, Tag, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { importZones, type ZoneImportResult } from '../../services/masterdata';
import type { District } from '../../services/types';
import { ImportDialog } from './components/ImportDialog';

const AreaMap = lazy(() => import('./components/AreaMap'));

/** 区域边界: the 9 districts and the functional zones on a map; import official zone boundaries (GeoJSON). */
export function Zones({ areas, onImported }: { areas: District[]; onImported: () => void }) {
  const [importOpen, setImportOpen] = useState(false);
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState<string | undefined>();
  const districts = areas.filter((a) => a.kind === 'district');
  const zones = areas.filter((a) => a.kind === 'zone');

  return (
    <>
      <Row gutter={16}>
        <Col xs={24} xl={17}>
          <Card size="small" title="区县与功能区边界" extra={<Typography.Text type="secondary">实线：区县；橙色虚线：功能区（功能区内的工单优先按功能区派遣）</Typography.Text>}>
            <Suspense fallback={<Spin style={{ display: 'block', padding: 48 }} />}>
              <AreaMap version={version} selected={selected} height={560} />
            </Suspense>
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          <Card
            size="small"
            title={`功能区（${zones.length}）`}
            extra={<Button type="primary" size="small" icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>导入 GeoJSON</Button>}
          >
            {zones.some((z) => z.demo) && <Alert type="warning" showIcon style={{ marginBottom: 8 }} message="带“示例边界”标记的功能区为演示数据，请导入官方边界替换。" />}
            <List
              size="small"
              dataSource={zones}
              renderItem={(z) => (
                <List.Item style={{ cursor: 'pointer', background: selected === z.code ? '#e6f4ff' : undefined }} onClick={() => setSelected(selected === z.code ? undefined : z.code)}>
                  <Space direction="vertical" size={0}>
                    <Space>
                      {z.name}
                      {z.demo && <Tag color="gold">示例边界</Tag>}
                    </Space>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {z.code} · 位于 {(z.parentCodes ?? []).map((c) => districts.find((d) => d.code === c)?.name ?? c).join('、') || '—'}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
          <Card size="small" title={`区县（${districts.length}）`} style={{ marginTop: 16 }}>
            <Space size={[4, 8]} wrap>
              {districts.map((d) => (
                <Tag key={d.code} color={selected === d.code ? 'blue' : undefined} style={{ cursor: 'pointer' }} onClick={() => setSelected(selected === d.code ? undefined : d.code)}>
                  {d.name} {d.code}
                </Tag>
              ))}
            </Space>
          </Card>
        </Col>
      </Row>
      <ImportDialog<ZoneImportResult>
        open={importOpen}
        title="导入功能区边界"
        accept=".geojson,.json,application/geo+json,application/json"
        hint="GeoJSON Feature 或 FeatureCollection（GCJ-02 坐标，最多 50 个要素）；properties 需含 name，可含 code（按代码更新已有功能区）。几何须为不自相交的 Polygon / MultiPolygon，且位于市域内。"
        validOnly={false}
        rowLabel="要素序号"
        onImport={(file) => importZones(file)}
        summary={(r) => `已导入 ${r.imported} 个功能区：${r.zones.map((z) => z.name).join('、')}`}
        onClose={(changed) => {
          setImportOpen(false);
          if (changed) {
            setVersion((v) => v + 1);
            onImported();
          }
        }}
      />
    </>
  );
}
