/**
 * A canvas over the React Flow pane that draws the messages in flight and the fault marks.
 * It redraws from the engine's per-frame channel and React Flow's viewport, never through
 * React state, so moving hundreds of dots costs no re-render.
 */
import { useStoreApi } from '@xyflow/react';
import { memo, useEffect, useRef } from 'react';
import type { InFlightView } from '../../sim/api';
import { engine } from '../engineController';
import { usePresenter } from '../presenter/presenterStore';
import { whenIdle } from '../slicing';
import { useUi, VIRTUAL_MS_PER_SECOND } from '../store';
import { type DrawnMessage, drawOverlay, markPillMakers, type OverlayTheme } from './drawOverlay';
import { layoutFor, NARROW_QUERY } from './layout';

let lastDrawn: DrawnMessage[] = [];
/** How far from a dot's centre a click still hits it, in CSS px: the dot as drawn plus a margin. */
let hitRadius = 9;
/** A finger is wider than a mouse pointer: at least this much on touch screens. */
const TOUCH_HIT_PX = 20;

/** The message drawn nearest to (x, y) in CSS px of the pane, within a few pixels. */
export function hitTestMessage(x: number, y: number, radius = hitRadius): InFlightView | null {
  let best: DrawnMessage | null = null;
  let bestD = radius * radius;
  for (const d of lastDrawn) {
    const dd = (d.x - x) ** 2 + (d.y - y) ** 2;
    if (dd <= bestD) {
      best = d;
      bestD = dd;
    }
  }
  return best?.m ?? null;
}

/** How many messages the overlay drew last frame (for tests and the bench). */
export function drawnCount(): number {
  return lastDrawn.length;
}

function readTheme(): OverlayTheme {
  const cs = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--overlay-text', '#1e293b'),
    halo: v('--overlay-halo', '#ffffff'),
    bad: v('--bad', '#dc2626'),
    good: v('--good', '#059669'),
    info: v('--info', '#2563eb'),
    dup: v('--warn', '#d97706'),
    laser: v('--laser', '#ff2d55'),
  };
}

/** How much larger presenter mode draws dots, labels and pills (on top of the larger zoom). */
const PRESENTER_SCALE = 1.5;

/** Wall-clock time a mark stays visible, whatever the speed. */
const MARK_WALL_MS = 900;

/** See the module comment. */
export const MessageOverlay = memo(function MessageOverlay() {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const rf = useStoreApi();

  useEffect(() => {
    let raf = 0;
    const coarse = window.matchMedia('(pointer: coarse)');
    // The same query that picks the nodes' arrangement, so dots always travel between the boxes drawn.
    const narrow = window.matchMedia(NARROW_QUERY);
    let theme = readTheme();
    let themeRead = performance.now();
    let disposed = false;
    /** The theme, size and device scale the marks' pills are (being) made for. */
    let pillsFor = '';
    /** The run position last drawn: a tick re-announces the frame's position, which is drawn already. */
    let drewAt: { run: unknown; now: number; len: number } | null = null;
    const makePills = async (key: string, makers: (() => void)[]) => {
      const canvas = canvasRef.current;
      if (canvas) canvas.dataset.pillsReady = 'no';
      for (const make of makers) {
        await whenIdle();
        // A newer zoom, size or theme wants other pills; it started its own round.
        if (disposed || key !== pillsFor) return;
        make();
      }
      // For the browser tests: every mark's pill is ready for this zoom and theme.
      if (canvas) canvas.dataset.pillsReady = key;
    };

    const draw = () => {
      if (raf) {
        cancelAnimationFrame(raf);
        raf = 0;
      }
      const canvas = canvasRef.current;
      if (!canvas) return;
      const { transform, width, height } = rf.getState();
      if (!width || !height) return;
      const dpr = Math.min(2, window.devicePixelRatio || 1);
      const w = Math.round(width * dpr);
      const h = Math.round(height * dpr);
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
        canvas.style.width = `${width}px`;
        canvas.style.height = `${height}px`;
      }
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      if (performance.now() - themeRead > 1000) {
        theme = readTheme();
        themeRead = performance.now();
      }
      const ui = useUi.getState();
      const scale = usePresenter.getState().on ? PRESENTER_SCALE : 1;
      const result = drawOverlay(ctx, {
        inFlight: engine.inFlightForDrawing(),
        now: engine.now,
        index: engine.index,
        transform,
        width,
        height,
        dpr,
        selectedOrder: ui.selectedOrder,
        selectedMessage: ui.selectedMessage,
        reducedMotion: ui.reducedMotion,
        markWindow: (MARK_WALL_MS * ui.speed * VIRTUAL_MS_PER_SECOND) / 1000,
        scale,
        theme,
        layout: layoutFor(narrow.matches),
      });
      const pillKey = `${theme.bad}|${theme.good}|${theme.info}|${scale}|${dpr * transform[2]}`;
      if (pillKey !== pillsFor) {
        pillsFor = pillKey;
        void makePills(pillKey, markPillMakers(theme, scale, dpr * transform[2]));
      }
      lastDrawn = result.drawn;
      drewAt = { run: engine.player.run, now: engine.now, len: engine.trace.length };
      const drawnRadius = (5 * scale + 4) * transform[2];
      hitRadius = Math.max(9, drawnRadius, coarse.matches ? TOUCH_HIT_PX : 0);
      // How many dots (or, with reduced motion, static count markers) are on screen, for tests
      // and the UI bench (attribute writes, no layout).
      canvas.dataset.drawn = String(lastDrawn.length);
      canvas.dataset.static = String(result.staticMarkers);
      // Read by the browser tests: dot radius on screen, laser routes, and where the first dot is.
      canvas.dataset.dotPx = (5 * scale * transform[2]).toFixed(1);
      canvas.dataset.laser = String(result.laserPaths);
      canvas.dataset.firstDot = lastDrawn.length > 0 ? `${Math.round(lastDrawn[0].x)},${Math.round(lastDrawn[0].y)}` : '';
    };
    const request = () => {
      if (!raf) raf = requestAnimationFrame(draw);
    };
    // Anything else that changes the picture (zoom, size, theme, selection) asks with request().
    const onFrame = () => {
      if (drewAt && drewAt.run === engine.player.run && drewAt.now === engine.now && drewAt.len === engine.trace.length) return;
      draw();
    };
    const offFrame = engine.subscribeFrame(onFrame);
    const offTick = engine.subscribeTick(request);
    const offRf = rf.subscribe(request);
    const offUi = useUi.subscribe((s, p) => {
      if (s.theme !== p.theme) {
        themeRead = 0;
        request();
      }
      if (s.selectedOrder !== p.selectedOrder || s.selectedMessage !== p.selectedMessage || s.reducedMotion !== p.reducedMotion) request();
    });
    const offPresenter = usePresenter.subscribe(request);
    narrow.addEventListener('change', request);
    request();
    return () => {
      disposed = true;
      narrow.removeEventListener('change', request);
      offPresenter();
      offFrame();
      offTick();
      offRf();
      offUi();
      if (raf) cancelAnimationFrame(raf);
    };
  }, [rf]);

  return <canvas ref={canvasRef} className="message-overlay" data-testid="message-overlay" />;
});
