import { useCallback, useEffect, useState } from 'react';
import { Card, Tabs } from 'antd';
import { fetchDistrictShapes } from '../../services/masterdata';
import { listDistricts } from '../../services/districts';
import type { District } from '../../services/types';
import { Categories } from './Categories';
import { Departments } from './Departments';
import { Rules } from './Rules';
import { Zones } from './Zones';

/** 区域与处置单位 (admin): departments, routing rules, categories, district and zone boundaries. */
export default function MasterData() {
  const [areas, setAreas] = useState<District[]>([]);
  const load = useCallback((fresh: boolean) => {
    // after an import the districts.ts cache is stale: read the list again (without polygons kept in state)
    (fresh ? fetchDistrictShapes().then((l) => l.map(({ geometry: _g, ...d }) => d)) : listDistricts()).then(setAreas, () => undefined);
  }, []);
  useEffect(() => load(false), [load]);

  return (
    <Card styles={{ body: { paddingTop: 4 } }}>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'departments', label: '处置单位', children: <Departments areas={areas} /> },
          { key: 'rules', label: '派遣规则', children: <Rules areas={areas} /> },
          { key: 'categories', label: '问题类别', children: <Categories /> },
          { key: 'zones', label: '区域边界', children: <Zones areas={areas} onImported={() => load(true)} /> },
        ]}
      />
    </Card>
  );
}
