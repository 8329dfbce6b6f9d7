import { BarChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { RateChild } from './api';

use([BarChart, GridComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

/** The month's visit rate of each sub-region as bars, the city's target as a line; a click drills into a bar. */
export function RateChart({
  children,
  target,
  targetLabel,
  onPick,
}: {
  children: RateChild[];
  target: number | null;
  targetLabel: string;
  onPick: (child: RateChild) => void;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const pickRef = useRef(onPick);
  pickRef.current = onPick;
  const rowsRef = useRef(children);
  rowsRef.current = children;

  useEffect(() => {
    const instance = init(element.current!);
    chart.current = instance;
    instance.on('click', (params) => {
      const child = typeof params.dataIndex === 'number' ? rowsRef.current[params.dataIndex] : undefined;
      if (child) pickRef.current(child);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current!);
    return () => {
      observer.disconnect();
      instance.dispose();
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        grid: { left: 48, right: 24, top: 32, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => `${String(value ?? '—')}%` },
        xAxis: {
          type: 'category',
          data: children.map((child) => child.name),
          axisLabel: {
            interval: 0,
            rotate: children.length > 6 ? 30 : 0,
            width: 84,
            overflow: 'truncate',
          },
        },
        yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        series: [
          {
            type: 'bar',
            barMaxWidth: 36,
            cursor: 'pointer',
            data: children.map((child) => ({
              value: child.rate,
              itemStyle: { color: target !== null && (child.rate ?? 0) < target ? '#fa8c16' : '#1f6feb' },
            })),
            markLine:
              target === null
                ? undefined
                : {
                    symbol: 'none',
                    label: { formatter: `${targetLabel} ${target}%`, position: 'insideEndTop' },
                    lineStyle: { color: '#cf1322', type: 'dashed' },
                    data: [{ yAxis: target }],
                  },
          },
        ],
      },
      { notMerge: true },
    );
  }, [children, target, targetLabel]);

  return <div ref={element} style={{ width: '100%', height: 300 }} data-testid="visits-rate-chart" />;
}
