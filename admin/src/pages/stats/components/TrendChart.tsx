import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { TrendResponse } from '@cgt/shared/schemas/stats';
import { formatIndicator } from '@cgt/shared/stats/format';

echarts.use([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** 12-month line of one indicator for one unit; months without a denominator are gaps, not zeros. */
export default function TrendChart({ trend, height = 280 }: { trend: TrendResponse; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    const def = { kind: trend.kind };
    const isRate = trend.kind === 'rate';
    chart.setOption({
      grid: { left: 56, right: 24, top: 24, bottom: 32 },
      tooltip: {
        trigger: 'axis',
        formatter: (ps: { axisValue: string; value: number | null }[]) => {
          const p = ps[0];
          return p ? `${p.axisValue}<br/>${trend.name} · ${trend.label}：<b>${formatIndicator(def, p.value)}</b>` : '';
        },
      },
      xAxis: { type: 'category', data: trend.points.map((p) => p.month), axisLabel: { fontSize: 11 } },
      yAxis: {
        type: 'value',
        ...(isRate ? { min: 0, max: 1 } : { minInterval: 1 }),
        axisLabel: { formatter: (v: number) => (isRate ? `${Math.round(v * 100)}%` : String(v)) },
      },
      series: [
        {
          type: 'line',
          name: trend.label,
          data: trend.points.map((p) => p.value),
          connectNulls: false,
          smooth: false,
          symbolSize: 6,
          lineStyle: { width: 2, color: '#1677ff' },
          itemStyle: { color: '#1677ff' },
          areaStyle: { color: 'rgba(22,119,255,0.08)' },
          label: { show: true, fontSize: 10, formatter: (p: { value: number | null }) => formatIndicator(def, p.value) },
        },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [trend]);
  return <div ref={ref} style={{ width: '100%', height }} data-testid="trend-chart" />;
}
