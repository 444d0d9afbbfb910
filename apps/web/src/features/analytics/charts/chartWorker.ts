/**
 * The page's side of chart.worker.ts: one worker for the page's life, made on first use (or early, by `startCharts`,
 * so its code downloads beside the dashboard's figures), and a promise per chart. A worker that cannot start or
 * load answers `null`, and the chart is then drawn on the page by ECharts itself (EChart.tsx).
 */
import type { EChartsOption } from 'echarts';
import type { ChartAnswer, ChartRequest } from './chart.worker';

type Waiting = { resolve: (svg: string | null) => void };
let worker: Worker | null | undefined;
const waiting = new Map<number, Waiting>();
let nextId = 1;

function failAll(): void {
  worker = null;
  for (const w of waiting.values()) w.resolve(null);
  waiting.clear();
}

function chartWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./chart.worker.ts', import.meta.url), { type: 'module', name: 'charts' });
  } catch {
    worker = null;
    return null;
  }
  worker.onmessage = (event: MessageEvent<ChartAnswer>) => {
    const w = waiting.get(event.data.id);
    waiting.delete(event.data.id);
    w?.resolve('svg' in event.data ? event.data.svg : null);
  };
  // the worker's code could not be fetched or run (offline after an update, say)
  worker.onerror = () => { worker?.terminate(); failAll(); };
  return worker;
}

/** Starts the worker (and the download of its code) before the first chart is asked for. */
export function startCharts(): void {
  chartWorker();
}

/** The chart as an SVG document `width` × `height` pixels, or null when the worker cannot draw it. */
export function chartSvg(option: EChartsOption, width: number, height: number): Promise<string | null> {
  const w = chartWorker();
  if (!w) return Promise.resolve(null);
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, { resolve });
    const request: ChartRequest = { id, option, width, height };
    try {
      w.postMessage(request);
    } catch {
      // an option that cannot be copied to the worker (a function in it): drawn on the page instead
      waiting.delete(id);
      resolve(null);
    }
  });
}
