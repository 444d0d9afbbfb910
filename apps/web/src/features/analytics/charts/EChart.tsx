/**
 * One Apache ECharts chart, drawn in SVG. Only this module imports ECharts (tree-shaken through echarts/core), and
 * ChartPanel loads it with React.lazy, so ECharts is downloaded by the pages that draw a chart and by no other.
 * A click on a data point that carries a drill-down cell (contracts/charts) opens its records.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartDrill, ChartSpec } from '@haven/contracts/charts';

echarts.use([BarChart, LineChart, HeatmapChart, GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, AriaComponent, SVGRenderer]);

export default function EChart({ spec, onDrill }: { spec: ChartSpec; onDrill: ((c: ChartDrill) => void) | null }) {
  const el = useRef<HTMLDivElement>(null);
  const drill = useRef(onDrill);
  useEffect(() => { drill.current = onDrill; }, [onDrill]);

  useEffect(() => {
    const node = el.current;
    if (!node) return undefined;
    const chart = echarts.init(node, null, { renderer: 'svg', locale: 'EN' });
    chart.on('click', (p) => {
      const cell = (p.data as { drill?: ChartDrill } | null)?.drill;
      if (cell && drill.current) drill.current(cell);
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(node);
    return () => { resize.disconnect(); chart.dispose(); };
  }, []);

  useEffect(() => {
    const node = el.current;
    if (node) echarts.getInstanceByDom(node)?.setOption(spec.option, { notMerge: true });
  }, [spec]);

  return <div ref={el} style={{ width: '100%', height: spec.height, cursor: onDrill ? 'pointer' : undefined }} data-testid={`chart-${spec.id}`} />;
}
