import { useEffect, useRef, useState } from 'react';
import { Empty, Spin } from 'antd';
import * as echarts from 'echarts/core';
import { MapChart } from 'echarts/charts';
import { TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import { listDistrictShapes } from '../../../services/districts';
import type { District } from '../../../services/types';

echarts.use([MapChart, TooltipComponent, VisualMapComponent, CanvasRenderer, SVGRenderer]);

const MAP_NAME = 'cgt-assessment';

/** One unit on the map: its colour comes from a grade band (`band`) or from its value on a continuous scale. */
export interface MapUnit {
  code: string;
  /** Grade mode: index into `bands`; value mode: the indicator value (null = no data, drawn grey). */
  value: number | null;
  /** Hover card: the unit's name first, then one line per number. */
  lines: string[];
}

/** Grade legend: one colour per band, in band order. */
export interface MapBand {
  label: string;
  color: string;
}

export interface AssessmentMapProps {
  units: MapUnit[];
  /** Colour by grade (piecewise legend of bands) or by value (continuous legend from `min`..`max`). */
  mode: 'grade' | 'value';
  bands?: MapBand[];
  /** Value mode: scale bounds and the legend's text for a value. */
  min?: number;
  max?: number;
  formatValue?: (v: number) => string;
  /** Value mode: true when a higher value is worse (超期率…): the scale runs green → red the other way. */
  higherIsWorse?: boolean;
  height?: number;
  /** SVG for the printed bulletin (sharp at any zoom), canvas on screen. */
  renderer?: 'canvas' | 'svg';
  /** Called with the unit's code when a region is clicked. */
  onSelect?: (code: string) => void;
}

const NO_DATA = '#f0f0f0';
const NO_BANDS: MapBand[] = [];
const GOOD_TO_BAD = ['#1a9850', '#91cf60', '#fee08b', '#fc8d59', '#d73027'];

/** Real district polygons (functional zones dashed on top) coloured by grade or by an indicator, with legend and hover card. */
export default function AssessmentMap(props: AssessmentMapProps) {
  const { units, mode, bands = NO_BANDS, min = 0, max = 1, formatValue = String, higherIsWorse = false, height = 480, renderer = 'canvas', onSelect } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [areas, setAreas] = useState<District[] | null>(null);
  const [painted, setPainted] = useState(false);

  useEffect(() => {
    let alive = true;
    listDistrictShapes().then(
      (list) => alive && setAreas(list.filter((d) => d.geometry)),
      () => alive && setAreas([]),
    );
    return () => {
      alive = false;
    };
  }, []);

  useEffect(() => {
    const el = ref.current;
    if (!el || !areas || areas.length === 0) return;
    // zones after districts so that they draw on top of the district they lie in
    const ordered = [...areas].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'zone' ? 1 : -1));
    const features = ordered.map((d) => ({ type: 'Feature' as const, properties: { name: d.code }, geometry: d.geometry }));
    echarts.registerMap(MAP_NAME, { type: 'FeatureCollection', features } as unknown as Parameters<typeof echarts.registerMap>[1]);
    const chart = echarts.init(el, undefined, { renderer });
    // 'finished' (everything drawn, animations done) tells tests and the print page that the map is complete
    chart.on('finished', () => setPainted(true));
    const byCode = new Map(units.map((u) => [u.code, u]));
    const nameOf = new Map(ordered.map((d) => [d.code, d.name]));
    const data = ordered.map((d) => {
      const u = byCode.get(d.code);
      const isZone = d.kind === 'zone';
      return {
        name: d.code,
        value: u?.value ?? null,
        lines: u?.lines ?? [d.name, '本期无考核数据'],
        itemStyle: {
          borderColor: isZone ? '#d46b08' : '#595959',
          borderWidth: isZone ? 1.2 : 0.8,
          borderType: isZone ? ('dashed' as const) : ('solid' as const),
          ...(u?.value === null || u === undefined ? { areaColor: NO_DATA } : {}),
        },
        label: { show: true, fontSize: isZone ? 9 : 11, color: isZone ? '#873800' : '#262626' },
      };
    });
    const visualMap =
      mode === 'grade'
        ? {
            type: 'piecewise' as const,
            left: 8,
            bottom: 8,
            orient: 'vertical' as const,
            pieces: bands.map((b, i) => ({ value: i, label: b.label, color: b.color })),
            outOfRange: { color: NO_DATA },
            textStyle: { fontSize: 12 },
          }
        : {
            type: 'continuous' as const,
            left: 8,
            bottom: 8,
            min,
            max: max > min ? max : min + 1,
            calculable: false,
            inRange: { color: higherIsWorse ? GOOD_TO_BAD : [...GOOD_TO_BAD].reverse() },
            text: [formatValue(max), formatValue(min)],
            formatter: (v: number) => formatValue(v),
            textStyle: { fontSize: 12 },
          };
    chart.setOption({
      animation: renderer === 'canvas',
      tooltip: {
        trigger: 'item',
        formatter: (p: { data?: { lines?: string[] } }) => {
          const lines = p.data?.lines ?? [];
          return lines.map((l, i) => (i === 0 ? `<b>${l}</b>` : l)).join('<br/>');
        },
      },
      visualMap,
      series: [
        {
          type: 'map',
          map: MAP_NAME,
          roam: renderer === 'canvas',
          layoutSize: '94%',
          selectedMode: false,
          label: { show: true, formatter: (p: { name: string }) => nameOf.get(p.name) ?? p.name },
          emphasis: { label: { show: true, fontWeight: 'bold' }, itemStyle: { borderWidth: 2, borderColor: '#1677ff' } },
          data,
        },
      ],
    });
    if (onSelect) chart.on('click', (p) => typeof p.name === 'string' && onSelect(p.name));
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      setPainted(false);
      chart.dispose();
    };
  }, [areas, units, mode, bands, min, max, formatValue, higherIsWorse, renderer, onSelect]);

  if (areas === null) return <Spin style={{ display: 'block', padding: 48 }} />;
  if (areas.length === 0) return <Empty description="暂无辖区边界数据" />;
  return <div ref={ref} style={{ width: '100%', height }} data-testid="assessment-map" data-painted={painted ? 'yes' : 'no'} />;
}
