import { useEffect, useState } from 'react';
import { Card, Tabs } from 'antd';
import { listDistricts } from '../../services/districts';
import type { District } from '../../services/types';
import { Operators } from './Operators';
import { PoiMap } from './PoiMap';
import { PoiTable } from './PoiTable';

/** 停车场 / 公厕 / 运营方 (admin): CRUD, CSV/GeoJSON import and export, operator keys, map. */
export default function PoiPage() {
  const [districts, setDistricts] = useState<District[]>([]);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    listDistricts().then(setDistricts, () => undefined);
  }, []);
  const bump = () => setVersion((v) => v + 1);

  return (
    <Card styles={{ body: { paddingTop: 4 } }}>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'parking', label: '停车场', children: <PoiTable type="carPark" districts={districts} onChanged={bump} /> },
          { key: 'toilets', label: '公厕', children: <PoiTable type="toilet" districts={districts} onChanged={bump} /> },
          { key: 'operators', label: '运营方', children: <Operators /> },
          { key: 'map', label: '地图', children: <PoiMap version={version} /> },
        ]}
      />
    </Card>
  );
}
