import { useEffect, useRef, useState } from 'react';
import { Empty, Spin } from 'antd';
import * as echarts from 'echarts/core';
import { MapChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { listDistrictShapes } from '../../../services/districts';
import { fetchDistrictShapes } from '../../../services/masterdata';
import type { District } from '../../../services/types';

echarts.use([MapChart, ScatterChart, GeoComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const MAP_NAME = 'cgt-areas';

/** A point layer drawn over the outlines (car parks, toilets…). */
export interface MapLayer {
  name: string;
  color: string;
  points: { name: string; lng: number; lat: number; demo?: boolean; detail?: string }[];
}

export interface AreaMapProps {
  /** Bump to re-fetch outlines after an import. */
  version?: number;
  layers?: MapLayer[];
  height?: number;
  /** Highlight one district / zone code. */
  selected?: string;
}

/** Rough centre of a polygon (mean of its outer ring(s) vertices), enough to zoom the map onto it. */
function ringCenter(g: NonNullable<District['geometry']>): [number, number] | undefined {
  const rings = (g.type === 'Polygon' ? [(g.coordinates as number[][][])[0]] : (g.coordinates as number[][][][]).map((p) => p[0])).filter((r): r is number[][] => Array.isArray(r));
  const pts = rings.flat();
  if (pts.length === 0) return undefined;
  const sum = pts.reduce((acc, p) => [acc[0]! + (p[0] ?? 0), acc[1]! + (p[1] ?? 0)], [0, 0]);
  return [sum[0]! / pts.length, sum[1]! / pts.length];
}

function pointsCenter(pts: { lng: number; lat: number }[]): [number, number] {
  const lngs = pts.map((p) => p.lng);
  const lats = pts.map((p) => p.lat);
  return [(Math.min(...lngs) + Math.max(...lngs)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
}

/** District (solid) and functional-zone (dashed, orange; demo boundaries paler) outlines, offline, with optional point layers. */
export default function AreaMap({ version = 0, layers = [], height = 520, selected }: AreaMapProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [areas, setAreas] = useState<District[] | null>(null);

  useEffect(() => {
    let alive = true;
    (version > 0 ? fetchDistrictShapes() : listDistrictShapes()).then(
      (list) => alive && setAreas(list),
      () => alive && setAreas([]),
    );
    return () => {
      alive = false;
    };
  }, [version]);

  useEffect(() => {
    const el = ref.current;
    if (!el || !areas || areas.length === 0) return;
    const features = areas
      .filter((d) => d.geometry)
      // zones after districts so they draw on top
      .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'zone' ? 1 : -1))
      .map((d) => ({ type: 'Feature' as const, properties: { name: d.name }, geometry: d.geometry }));
    echarts.registerMap(MAP_NAME, { type: 'FeatureCollection', features } as unknown as Parameters<typeof echarts.registerMap>[1]);
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    const focus = selected ? areas.find((d) => d.code === selected) : undefined;
    const pts = layers.flatMap((l) => l.points);
    // with point layers, open on the points' extent (the urban core) rather than the whole city
    const center = focus?.geometry ? ringCenter(focus.geometry) : pts.length ? pointsCenter(pts) : undefined;
    const zoom = focus ? (focus.kind === 'zone' ? 6 : 2) : 3.5;
    const regions = areas.map((d) => {
      const isZone = d.kind === 'zone';
      const mine = selected !== undefined && d.code === selected;
      return {
        name: d.name,
        itemStyle: {
          areaColor: mine ? 'rgba(22,119,255,0.22)' : isZone ? (d.demo ? 'rgba(250,140,22,0.08)' : 'rgba(250,140,22,0.16)') : '#f5f7fa',
          borderColor: isZone ? '#fa8c16' : '#8c8c8c',
          borderWidth: mine ? 2.5 : isZone ? 1.5 : 1,
          borderType: isZone ? ('dashed' as const) : ('solid' as const),
        },
        label: { show: layers.length === 0 || !isZone, color: isZone ? '#d46b08' : '#595959', fontSize: isZone ? 10 : 12 },
        tooltip: { formatter: `${d.name}<br/>${isZone ? '功能区' : '区县'} ${d.code}${d.demo ? '（示例边界）' : ''}` },
      };
    });
    chart.setOption({
      tooltip: { trigger: 'item' },
      legend: layers.length ? { top: 8, left: 8, data: layers.map((l) => l.name) } : undefined,
      geo: {
        map: MAP_NAME,
        roam: true,
        layoutSize: '96%',
        ...(center ? { center, zoom } : {}),
        scaleLimit: { min: 0.8, max: 60 },
        itemStyle: { areaColor: '#f5f7fa', borderColor: '#8c8c8c' },
        emphasis: { itemStyle: { areaColor: 'rgba(22,119,255,0.18)' }, label: { show: true } },
        label: { show: true, fontSize: 12 },
        regions,
      },
      series: layers.map((l) => ({
        name: l.name,
        type: 'scatter',
        coordinateSystem: 'geo',
        symbolSize: 7,
        itemStyle: { color: l.color, opacity: 0.85, borderColor: '#fff', borderWidth: 0.5 },
        data: l.points.map((p) => ({ name: p.name, value: [p.lng, p.lat], demo: p.demo, detail: p.detail })),
        tooltip: {
          formatter: (params: { data: { name: string; demo?: boolean; detail?: string } }) =>
            `${l.name}：${params.data.name}${params.data.demo ? '（示例数据）' : ''}${params.data.detail ? `<br/>${params.data.detail}` : ''}`,
        },
      })),
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [areas, layers, selected]);

  if (areas === null) return <Spin style={{ display: 'block', padding: 48 }} />;
  if (areas.length === 0) return <Empty description="暂无辖区边界数据" />;
  return <div ref={ref} style={{ width: '100%', height }} data-testid="area-map" />;
}
