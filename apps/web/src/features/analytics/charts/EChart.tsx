/**
 * One Apache ECharts chart drawn on the page, in SVG: only where the charts' worker cannot draw it (ChartFigure).
 * Only this module and the worker import ECharts (tree-shaken through echarts/core), and ChartFigure loads it with
 * React.lazy, so a page downloads it only then. A click on a data point that carries a drill-down cell
 * (contracts/charts) opens its records.
 *
 * A dashboard draws a dozen charts at once. Drawn in the effects of one render they were one long task (about 700 ms
 * on a slow phone) in which the page could not answer a tap; each chart is made and drawn in tasks of its own, in
 * page order (drawSoon), its space held by the box from the first render so nothing moves. A resize redraws a chart
 * only when its box really changed size (a ResizeObserver reports the first size too, which used to draw it twice).
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartDrill, ChartSpec } from '@haven/contracts/charts';

echarts.use([BarChart, LineChart, HeatmapChart, GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, AriaComponent, SVGRenderer]);

const waiting: (() => void)[] = [];
let running = false;

/** Runs each job in a task of its own, in the order given, so the page can answer between two charts. */
function drawSoon(job: () => void): void {
  waiting.push(job);
  if (running) return;
  running = true;
  const next = () => {
    const j = waiting.shift();
    if (j) { try { j(); } catch (e) { console.error(e); } }
    if (waiting.length) setTimeout(next, 0); else running = false;
  };
  setTimeout(next, 0);
}

export default function EChart({ spec, onDrill }: { spec: ChartSpec; onDrill: ((c: ChartDrill) => void) | null }) {
  const el = useRef<HTMLDivElement>(null);
  const drill = useRef(onDrill);
  const latest = useRef(spec);
  useEffect(() => { drill.current = onDrill; }, [onDrill]);

  useEffect(() => {
    const node = el.current;
    if (!node) return undefined;
    let chart: echarts.ECharts | null = null;
    let gone = false;
    let size = '';
    const sizeOf = () => `${node.clientWidth}x${node.clientHeight}`;
    const resize = new ResizeObserver(() => {
      if (!chart || sizeOf() === size) return;
      size = sizeOf();
      chart.resize();
    });
    // making the chart (which measures its box, and so lays out the page) and drawing it are two tasks, not one
    drawSoon(() => {
      if (gone) return;
      chart = echarts.init(node, null, { renderer: 'svg', locale: 'EN' });
      chart.on('click', (p) => {
        const cell = (p.data as { drill?: ChartDrill } | null)?.drill;
        if (cell && drill.current) drill.current(cell);
      });
    });
    drawSoon(() => {
      if (gone || !chart) return;
      chart.setOption(latest.current.option, { notMerge: true });
      size = sizeOf();
      resize.observe(node);
    });
    return () => { gone = true; resize.disconnect(); chart?.dispose(); };
  }, []);

  useEffect(() => {
    latest.current = spec;
    const node = el.current;
    // before the chart's first drawing there is nothing to update: it is drawn from `latest`
    if (node) echarts.getInstanceByDom(node)?.setOption(spec.option, { notMerge: true });
  }, [spec]);

  return <div ref={el} style={{ width: '100%', height: spec.height, cursor: onDrill ? 'pointer' : undefined }} data-testid={`chart-${spec.id}`} />;
}
