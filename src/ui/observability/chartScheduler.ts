/**
 * Keeps the charts inside the frame budget: every chart registers an update function, and all
 * visible ones run together at most once per animation frame — only when the engine moved or
 * the timeline changed. Charts scrolled out of view (or on a hidden tab) cost nothing.
 */
import type { MetricsRecorder } from '../../sim/metrics';
import { engine } from '../engineController';
import { useUi } from '../store';

/** The metric values at the playhead, shared by every chart drawn in a frame. */
export interface LiveRow {
  rec: MetricsRecorder;
  now: number;
  row: (number | null)[];
}

let live: (LiveRow & { len: number }) | null = null;

/** The current run's values at the playhead (computed once per engine position). */
export function liveRow(): LiveRow | null {
  const rec = engine.recorder;
  if (!rec) return null;
  const now = engine.now;
  const len = engine.trace.length;
  if (!live || live.rec !== rec || live.now !== now || live.len !== len) live = { rec, now, len, row: rec.currentRow(now) };
  return live;
}

type Update = () => void;

const visible = new Set<Update>();
const all = new Set<Update>();
let queued = false;
let unsubscribe: (() => void) | null = null;

function flush(): void {
  queued = false;
  for (const u of visible) u();
}

/** Asks for one redraw of the visible charts on the next frame. */
export function requestChartFrame(): void {
  if (queued || visible.size === 0) return;
  queued = true;
  requestAnimationFrame(flush);
}

function listen(): void {
  if (unsubscribe) return;
  const offFrame = engine.subscribeFrame(requestChartFrame);
  const offTick = engine.subscribeTick(requestChartFrame);
  const offUi = useUi.subscribe((s, p) => {
    if (s.horizon !== p.horizon || s.playhead !== p.playhead) requestChartFrame();
  });
  unsubscribe = () => {
    offFrame();
    offTick();
    offUi();
  };
}

/** Registers a chart element; `update` runs while the element is on screen. Returns cleanup. */
export function watchChart(el: Element, update: Update): () => void {
  all.add(update);
  listen();
  const io = new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (e.isIntersecting) {
        visible.add(update);
        requestChartFrame();
      } else visible.delete(update);
    }
  });
  io.observe(el);
  return () => {
    io.disconnect();
    visible.delete(update);
    all.delete(update);
    if (all.size === 0 && unsubscribe) {
      unsubscribe();
      unsubscribe = null;
    }
  };
}
