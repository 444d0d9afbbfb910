/**
 * A dashboard chart on the page: drawn as an SVG picture by chart.worker.ts (Apache ECharts, off the page's thread),
 * redrawn when its box changes width. The picture carries ECharts' marks of which data point each shape draws, so a
 * click or tap on a bar or cell (or on the number written on it) opens its records, and a mouse over one shows what
 * it is (chartTooltip, from the same options). When the worker cannot draw (it could not be fetched, say), ECharts
 * draws the chart on the page instead (EChart.tsx, its own chunk), as it did before the worker.
 */
import { lazy, Suspense, useEffect, useRef, useState, type MouseEvent as ReactMouseEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { Box } from '@mantine/core';
import { chartTooltip, type ChartDrill, type ChartSpec } from '@haven/contracts/charts';
import { chartSvg } from './chartWorker';

/** ECharts on the page: only when the worker cannot draw. */
const EChart = lazy(() => import('./EChart'));

/** The data point a shape under the pointer draws (ECharts' SSR marks), or null. */
function pointAt(target: EventTarget | null, x: number, y: number): { series: number; index: number } | null {
  const read = (el: Element) => {
    const series = el.getAttribute('ecmeta_series_index');
    const index = el.getAttribute('ecmeta_data_index');
    if (series === null || index === null || el.getAttribute('ecmeta_silent') === 'true') return null;
    return { series: Number(series), index: Number(index) };
  };
  if (target instanceof Element) {
    const own = read(target);
    if (own) return own;
  }
  // a number written on a bar or cell is a text of its own, without the marks: the shape beneath it has them
  for (const el of document.elementsFromPoint(x, y)) {
    const hit = read(el);
    if (hit) return hit;
  }
  return null;
}

function drillOf(spec: ChartSpec, p: { series: number; index: number }): ChartDrill | null {
  const series = (Array.isArray(spec.option.series) ? spec.option.series : [spec.option.series]) as { data?: unknown[] }[];
  const item = series[p.series]?.data?.[p.index];
  return item && typeof item === 'object' && 'drill' in item ? (item.drill as ChartDrill) : null;
}

const TIP = {
  position: 'absolute', pointerEvents: 'none', zIndex: 2, background: '#FFFFFF', color: '#1A1A1A', border: '1px solid #C9C9C9',
  borderRadius: 4, padding: '4px 8px', fontSize: 13, whiteSpace: 'nowrap', boxShadow: '0 1px 4px rgba(0, 0, 0, 0.2)',
} as const;

export function ChartFigure({ spec, onDrill }: { spec: ChartSpec; onDrill: ((c: ChartDrill) => void) | null }) {
  const box = useRef<HTMLDivElement>(null);
  const [onPage, setOnPage] = useState(false);
  const [tip, setTip] = useState<{ lines: string[]; x: number; y: number; right: boolean } | null>(null);

  useEffect(() => {
    const node = box.current;
    if (!node || onPage) return undefined;
    let gone = false;
    let width = 0;
    let asked = 0;
    // a ResizeObserver reports the box's first size as well, once it is laid out: the first drawing forces no layout
    const resize = new ResizeObserver(() => {
      const w = node.clientWidth;
      if (!w || w === width) return;
      width = w;
      const mine = ++asked;
      void chartSvg(spec.option, w, spec.height).then((svg) => {
        if (gone || mine !== asked) return;
        if (svg === null) setOnPage(true);
        else node.innerHTML = svg;
      });
    });
    resize.observe(node);
    return () => { gone = true; resize.disconnect(); };
  }, [spec, onPage]);

  if (onPage) {
    return <Suspense fallback={<Box h={spec.height} />}><EChart spec={spec} onDrill={onDrill} /></Suspense>;
  }

  const move = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.pointerType !== 'mouse') return;
    const p = pointAt(e.target, e.clientX, e.clientY);
    const lines = p ? chartTooltip(spec.option, p.series, p.index) : null;
    const r = e.currentTarget.getBoundingClientRect();
    // beside the pointer, on the side of the chart with more room
    setTip(lines ? { lines, x: e.clientX - r.left, y: e.clientY - r.top, right: e.clientX - r.left > r.width / 2 } : null);
  };
  const click = (e: ReactMouseEvent<HTMLDivElement>) => {
    const p = pointAt(e.target, e.clientX, e.clientY);
    const drill = p && onDrill ? drillOf(spec, p) : null;
    if (drill) onDrill!(drill);
  };
  return (
    <div style={{ position: 'relative' }} onPointerMove={move} onPointerLeave={() => setTip(null)} onClick={click}>
      <div ref={box} style={{ width: '100%', height: spec.height, cursor: onDrill ? 'pointer' : undefined }} data-testid={`chart-${spec.id}`} />
      {tip ? (
        <div data-testid="chart-tip"
          style={{ ...TIP, top: tip.y + 12, ...(tip.right ? { right: `calc(100% - ${tip.x - 12}px)` } : { left: tip.x + 12 }) }}>
          {tip.lines.map((l, i) => <div key={i} style={i === 0 && tip.lines.length > 1 ? { fontWeight: 600 } : undefined}>{l}</div>)}
        </div>
      ) : null}
    </div>
  );
}
