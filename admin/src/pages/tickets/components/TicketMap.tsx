import { useEffect, useRef, useState } from 'react';
import { Empty, Spin } from 'antd';
import * as echarts from 'echarts/core';
import { EffectScatterChart, MapChart } from 'echarts/charts';
import { GeoComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { listDistrictShapes } from '../../../services/districts';
import type { District } from '../../../services/types';

echarts.use([MapChart, EffectScatterChart, GeoComponent, TooltipComponent, CanvasRenderer]);

const MAP_NAME = 'cgt-districts';

export interface TicketMapProps {
  lat: number;
  lng: number;
  districtCode: string;
  zoneId?: string;
  height?: number;
}

/** Builds the GeoJSON FeatureCollection ECharts registers (district and zone polygons, GCJ-02). */
function featureCollection(list: District[]) {
  return {
    type: 'FeatureCollection' as const,
    features: list
      .filter((d) => d.geometry)
      .map((d) => ({
        type: 'Feature' as const,
        properties: { name: d.name },
        geometry: d.geometry,
      })),
  };
}

/** The ticket's location drawn offline over the real district polygons (+ the zone, if any). */
export default function TicketMap({ lat, lng, districtCode, zoneId, height = 320 }: TicketMapProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [districts, setDistricts] = useState<District[] | null>(null);

  useEffect(() => {
    listDistrictShapes().then(setDistricts, () => setDistricts([]));
  }, []);

  useEffect(() => {
    const el = ref.current;
    if (!el || !districts || districts.length === 0) return;
    // ECharts' map registration takes a GeoJSON object; its TS type is narrower than ours.
    echarts.registerMap(MAP_NAME, featureCollection(districts) as unknown as Parameters<typeof echarts.registerMap>[1]);
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    const regions = districts.map((d) => {
      const isZone = d.kind === 'zone';
      const mine = isZone ? d.code === zoneId : d.code === districtCode;
      return {
        name: d.name,
        itemStyle: {
          areaColor: mine ? (isZone ? 'rgba(250,140,22,0.25)' : 'rgba(22,119,255,0.18)') : isZone ? 'rgba(250,140,22,0.06)' : '#f5f7fa',
          borderColor: isZone ? '#fa8c16' : '#8c8c8c',
          borderWidth: mine ? 2 : 1,
          borderType: isZone ? ('dashed' as const) : ('solid' as const),
        },
        // Zones are small and overlap district labels: name only the ticket's own zone.
        label: { show: !isZone || mine, color: mine ? '#1d39c4' : '#595959', fontSize: isZone ? 10 : 12 },
      };
    });
    chart.setOption({
      tooltip: { trigger: 'item' },
      geo: {
        map: MAP_NAME,
        roam: true,
        // Start around the reported point, close enough to tell the neighbouring districts apart.
        center: [lng, lat],
        zoom: 2,
        scaleLimit: { min: 0.8, max: 40 },
        itemStyle: { areaColor: '#f5f7fa', borderColor: '#8c8c8c' },
        emphasis: { itemStyle: { areaColor: 'rgba(22,119,255,0.25)' }, label: { show: true } },
        label: { show: true, fontSize: 12 },
        regions,
      },
      series: [
        {
          type: 'effectScatter',
          coordinateSystem: 'geo',
          data: [{ name: '上报位置', value: [lng, lat] }],
          symbolSize: 12,
          itemStyle: { color: '#f5222d' },
          rippleEffect: { scale: 3, brushType: 'stroke' },
          tooltip: { formatter: () => `上报位置<br/>${lng.toFixed(5)}, ${lat.toFixed(5)}` },
          zlevel: 2,
        },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [districts, lat, lng, districtCode, zoneId]);

  if (districts === null) return <Spin style={{ display: 'block', padding: 48 }} />;
  if (districts.length === 0) return <Empty description="暂无辖区边界数据" />;
  return <div ref={ref} style={{ width: '100%', height }} data-testid="ticket-map" />;
}
