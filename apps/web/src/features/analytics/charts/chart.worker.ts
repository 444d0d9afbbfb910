/**
 * Draws the dashboard's charts off the page's thread: Apache ECharts' server-side rendering (the mode the server uses
 * for the PDFs, core/pdf/chart.ts) run in a Web Worker, which answers each chart as an SVG document. The page shows
 * it (ChartFigure) without running ECharts at all: on a slow phone a dozen charts cost the page about a second of
 * script in which it could not answer a tap; here that second is spent beside the page, not in it.
 *
 * Text is measured with an OffscreenCanvas (a worker has no document), in the page's own fonts. Messages: in
 * `{ id, option, width, height }`, out `{ id, svg }` or `{ id, error }`.
 */
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';

echarts.use([BarChart, LineChart, HeatmapChart, GridComponent, LegendComponent, VisualMapComponent, AriaComponent, SVGRenderer]);

const measuring = new OffscreenCanvas(1, 1).getContext('2d');
if (measuring) {
  echarts.setPlatformAPI({
    measureText(text: string, font?: string) {
      measuring.font = font || '12px sans-serif';
      return measuring.measureText(text);
    },
  });
}

export interface ChartRequest { id: number; option: EChartsOption; width: number; height: number }
export type ChartAnswer = { id: number; svg: string } | { id: number; error: string };

// (the app's types are the page's: a worker's postMessage takes no target origin)
const scope = self as unknown as { onmessage: (event: MessageEvent<ChartRequest>) => void; postMessage: (answer: ChartAnswer) => void };
scope.onmessage = (event) => {
  const { id, option, width, height } = event.data;
  let answer: ChartAnswer;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option, { notMerge: true });
    answer = { id, svg: chart.renderToSVGString() };
  } catch (e) {
    answer = { id, error: e instanceof Error ? e.message : String(e) };
  } finally {
    chart.dispose();
  }
  scope.postMessage(answer);
};
