import { lazy, Suspense, useEffect, useState } from 'react';
import { Alert, Space, Spin, Typography } from 'antd';
import { listPois, type CarPark, type Poi, type PoiType, type Toilet } from '../../services/poi';
import type { MapLayer } from '../masterdata/components/AreaMap';

const AreaMap = lazy(() => import('../masterdata/components/AreaMap'));

/** Every record of one kind (pages of 500). */
async function all<T extends Poi>(type: PoiType): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; page <= 40; page++) {
    const res = await listPois<T>(type, { page, pageSize: 500 });
    out.push(...res.items);
    if (out.length >= res.total || res.items.length === 0) break;
  }
  return out;
}

/** Car parks and toilets as points on the district outlines. */
export function PoiMap({ version }: { version: number }) {
  const [layers, setLayers] = useState<MapLayer[] | null>(null);
  const [demo, setDemo] = useState(0);

  useEffect(() => {
    let alive = true;
    Promise.all([all<CarPark>('carPark'), all<Toilet>('toilet')]).then(
      ([parks, toilets]) => {
        if (!alive) return;
        setDemo(parks.filter((p) => p.demo).length + toilets.filter((t) => t.demo).length);
        setLayers([
          { name: `停车场（${parks.length}）`, color: '#1677ff', points: parks.map((p) => ({ name: p.name, lng: p.location.lng, lat: p.location.lat, demo: p.demo, detail: `${p.kind} · ${p.freeSpaces ?? '—'}/${p.totalSpaces} 空位` })) },
          { name: `公厕（${toilets.length}）`, color: '#52c41a', points: toilets.map((t) => ({ name: t.name, lng: t.location.lng, lat: t.location.lat, demo: t.demo, detail: `${t.kind} · ${t.openingHoursText}` })) },
        ]);
      },
      () => alive && setLayers([]),
    );
    return () => {
      alive = false;
    };
  }, [version]);

  if (layers === null) return <Spin style={{ display: 'block', padding: 48 }} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {demo > 0 && <Alert type="warning" showIcon message={`地图中有 ${demo} 个点为示例数据（生成的演示数据），导入真实数据后自动替换。`} />}
      <Typography.Text type="secondary">滚轮缩放、拖动平移；点击图例可隐藏一类。</Typography.Text>
      <Suspense fallback={<Spin style={{ display: 'block', padding: 48 }} />}>
        <AreaMap layers={layers} height={600} />
      </Suspense>
    </Space>
  );
}
