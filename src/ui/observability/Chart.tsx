/**
 * One small time-series chart drawn by uPlot (canvas, ~50 KB, built for streaming series). It
 * shows the current run's samples up to the playhead over the whole timeline, a line at the
 * playhead, and the alert threshold when a rule watches one of its metrics. Hovering reads the
 * values at that time in the legend; otherwise the legend shows the latest sample.
 */
import { memo, useEffect, useRef, useSyncExternalStore } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { AlertRule } from '../../sim/alerts';
import { column, columnIndex } from '../../sim/metricCatalog';
import { useUi } from '../store';
import { type ChartDef, fmtValue } from './chartDefs';
import { liveRow, watchChart } from './chartScheduler';

const HEIGHT = 86;
/** Tick steps of the value axes: 1, 2, 5, 10, 20, 50… */
const INCRS = [1, 2, 5].flatMap((m) => [1, 10, 100, 1000, 10_000, 100_000].map((p) => m * p)).sort((a, b) => a - b);

function subscribeTheme(fn: () => void): () => void {
  const mo = new MutationObserver(fn);
  mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-resolved-theme'] });
  return () => mo.disconnect();
}

/** The resolved colour theme; charts rebuild when it flips, since canvas colours are baked in. */
function useResolvedTheme(): string {
  return useSyncExternalStore(subscribeTheme, () => document.documentElement.dataset.resolvedTheme ?? 'light');
}

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** See the module comment. */
export const Chart = memo(function Chart({ def, rules }: { def: ChartDef; rules: readonly AlertRule[] }) {
  const wrap = useRef<HTMLDivElement>(null);
  const plot = useRef<HTMLDivElement>(null);
  const legend = useRef<HTMLDivElement>(null);
  const theme = useResolvedTheme();

  useEffect(() => {
    const el = plot.current!;
    // Canvas colours are read once per build; `theme` is why this effect re-runs.
    el.dataset.theme = theme;
    const muted = cssVar('--muted', '#667085');
    const border = cssVar('--border', '#e0e4ec');
    const accent = cssVar('--accent', '#4f46e5');
    const bad = cssVar('--bad', '#dc2626');
    const font = `10px ${cssVar('--mono', 'monospace')}`;
    // A threshold of 0 ("any at all") would just retrace the axis, so only positive ones are drawn.
    const thresholds = rules.filter((r) => r.above > 0 && def.series.some((s) => s.metric === r.metric)).map((r) => r.above);
    const view = { xMax: 1, playhead: 0 };
    let hover: number | null = null;

    const legendAt = (u: uPlot, idx: number | null) => {
      const box = legend.current;
      if (!box) return;
      const n = u.data[0].length;
      const i = idx ?? n - 1;
      let items = def.series.map((s, k) => ({ s, v: i >= 0 ? ((u.data[k + 1]?.[i] as number | null | undefined) ?? null) : null }));
      if (def.legendTop) {
        items = items
          .filter((x) => (x.v ?? 0) > 0)
          .sort((a, b) => (b.v ?? 0) - (a.v ?? 0))
          .slice(0, def.legendTop);
      }
      const when = i >= 0 && i < n ? `${((u.data[0][i] as number) / 1000).toFixed(1)} s` : '';
      box.textContent = '';
      const t = document.createElement('span');
      t.className = 'obs-legend-time mono';
      t.textContent = when;
      box.append(t);
      if (items.length === 0) {
        const none = document.createElement('span');
        none.className = 'obs-legend-item';
        none.textContent = def.legendTop ? 'all empty' : '';
        box.append(none);
      }
      for (const { s, v } of items) {
        const span = document.createElement('span');
        span.className = 'obs-legend-item';
        const sw = document.createElement('i');
        sw.style.background = s.color;
        span.append(sw, `${s.label} `);
        const b = document.createElement('b');
        b.textContent = fmtValue(v, def.unit);
        span.append(b);
        box.append(span);
      }
    };

    const opts: uPlot.Options = {
      width: Math.max(120, el.clientWidth),
      height: HEIGHT,
      padding: [6, 8, 0, 0],
      legend: { show: false },
      cursor: { y: false, points: { show: false }, drag: { x: false, y: false } },
      scales: {
        x: { time: false, range: () => [0, view.xMax] },
        y: {
          range: (_u, _min, max) => {
            const top = Math.max(1, (max ?? 0) * 1.15, ...thresholds.map((x) => x * 1.15));
            return [0, top];
          },
        },
      },
      axes: [
        {
          stroke: muted,
          font,
          size: 18,
          gap: 2,
          grid: { stroke: border, width: 1 },
          ticks: { show: false },
          values: (_u, splits) => splits.map((v) => `${Math.round(v / 100) / 10} s`),
        },
        {
          stroke: muted,
          font,
          size: 44,
          gap: 3,
          grid: { stroke: border, width: 1 },
          ticks: { show: false },
          // Whole steps only: half an order or half a millisecond is noise on these axes.
          incrs: INCRS,
          // The x axis already marks zero; a second "0" would sit on its labels.
          values: (_u, splits) => splits.map((v) => (v === 0 ? '' : fmtValue(v, def.unit))),
        },
      ],
      series: [{}, ...def.series.map((s) => ({ label: s.label, stroke: s.color, width: 1.5, points: { show: false }, spanGaps: false }))],
      hooks: {
        draw: [
          (u) => {
            const ctx = u.ctx;
            const { left, top, width, height } = u.bbox;
            ctx.save();
            ctx.lineWidth = Math.max(1, devicePixelRatio);
            // Alert thresholds: where this chart would page someone.
            ctx.strokeStyle = bad;
            ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
            for (const th of thresholds) {
              const y = u.valToPos(th, 'y', true);
              if (y < top || y > top + height) continue;
              ctx.beginPath();
              ctx.moveTo(left, y);
              ctx.lineTo(left + width, y);
              ctx.stroke();
            }
            // The playhead.
            ctx.setLineDash([]);
            ctx.strokeStyle = accent;
            const x = u.valToPos(view.playhead, 'x', true);
            if (x >= left && x <= left + width) {
              ctx.beginPath();
              ctx.moveTo(x, top);
              ctx.lineTo(x, top + height);
              ctx.stroke();
            }
            ctx.restore();
          },
        ],
        setCursor: [
          (u) => {
            hover = u.cursor.idx ?? null;
            legendAt(u, hover);
          },
        ],
      },
    };
    const empty: uPlot.AlignedData = [[], ...def.series.map(() => [])];
    const u = new uPlot(opts, empty, el);
    const last = { rec: null as unknown, len: -1, playhead: -1, xMax: -1 };

    const update = () => {
      const live = liveRow();
      if (!live) return;
      const { rec, now: playhead } = live;
      const xMax = Math.max(useUi.getState().horizon, playhead, 1);
      const n = rec.series.t.length;
      // Redraw only for new samples, a new timeline, or a playhead that moved a whole pixel.
      const moved = (Math.abs(playhead - last.playhead) / xMax) * u.bbox.width >= devicePixelRatio;
      if (rec === last.rec && n === last.len && xMax === last.xMax && !moved) return;
      view.xMax = xMax;
      view.playhead = playhead;
      // Copies of equal length (a sample recorded mid-draw can't skew the columns), ending with
      // the state at the playhead itself, so the lines reach the playhead rather than the last sample.
      const tail = n === 0 || rec.series.t[n - 1] < playhead;
      const xs = rec.series.t.slice(0, n);
      if (tail) xs.push(playhead);
      const data: uPlot.AlignedData = [
        xs,
        ...def.series.map((s) => {
          const ys = column(rec.series, s.metric).slice(0, n);
          if (tail) ys.push(live.row[columnIndex(s.metric)]);
          return ys;
        }),
      ];
      u.setData(data);
      Object.assign(last, { rec, len: n, playhead, xMax });
      if (hover === null) legendAt(u, null);
    };

    const ro = new ResizeObserver(() => {
      const w = Math.max(120, el.clientWidth);
      if (w !== u.width) u.setSize({ width: w, height: HEIGHT });
    });
    ro.observe(el);
    const unwatch = watchChart(wrap.current!, update);
    return () => {
      unwatch();
      ro.disconnect();
      u.destroy();
    };
  }, [def, rules, theme]);

  return (
    <figure className="obs-chart" ref={wrap} data-testid={`obs-chart-${def.id}`}>
      <figcaption className="obs-chart-title">{def.title}</figcaption>
      {def.note && (
        <p className="obs-chart-note" data-testid={`chart-note-${def.id}`}>
          {def.note}
        </p>
      )}
      <div className="obs-legend" ref={legend} />
      <div className="obs-plot" ref={plot} />
    </figure>
  );
});
