/**
 * A dashboard chart in a PDF: the chart the web app draws (contracts/charts builds its options), rendered on the
 * server by Apache ECharts' SVG renderer (server-side rendering, no DOM) and embedded as a pdfmake `svg` node, with
 * its heading, a line on how to read it and its data table (a printed copy in black and white still has the numbers).
 */
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartSpec } from '@haven/contracts/charts';
import type { Content } from './pdf.ts';

echarts.use([BarChart, LineChart, HeatmapChart, GridComponent, LegendComponent, VisualMapComponent, AriaComponent, SVGRenderer]);

/** The chart as an SVG document, `width` × its own height (PDF points). */
export function chartSvg(spec: ChartSpec, width: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height: spec.height });
  try {
    // no tooltip in print; everything else as on screen
    const { tooltip: _tooltip, ...option } = spec.option;
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** A4 less the margins of core/pdf. */
export const PDF_CHART_WIDTH = 495;

export function chartContent(spec: ChartSpec, opts: { width?: number; table?: boolean } = {}): Content[] {
  const width = opts.width ?? PDF_CHART_WIDTH;
  const t = spec.table;
  return [
    { text: spec.title, style: 'h3', margin: [0, 8, 0, 2] },
    { text: spec.description, style: 'small', margin: [0, 0, 0, 4] },
    { svg: chartSvg(spec, width), width },
    ...(opts.table === false || t.rows.length === 0 ? [] : [{
      table: { headerRows: 1, dontBreakRows: true, widths: t.columns.map((_, i) => (i === 0 ? '*' : 'auto')),
        body: [t.columns.map((text) => ({ text, style: 'tableHeader' })), ...t.rows.map((r) => [r.label, ...r.cells.map((c) => c.text)])] },
      layout: 'lightHorizontalLines', fontSize: 8, margin: [0, 4, 0, 8],
    } as Content]),
  ];
}
