/**
 * Main-thread busy time per frame, from a Chromium performance trace. Headless Chromium paces
 * frames at multiples of 16.7 ms whatever the page does, so frame intervals hide what a frame
 * costs; the trace's top-level tasks on the renderer's main thread do not. Each frame is the
 * span between two `BeginMainThreadFrame` events (or, if the trace has none, a 16.7 ms slot),
 * and its busy time is the part of that span covered by tasks.
 */
import type { CDPSession } from 'playwright-core';

/** One event of a Chromium trace (the fields read here). */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, µs: unlike `dur`, it does not grow when other processes take the core. */
  tdur?: number;
  args?: { name?: string; data?: { functionName?: string } };
}

/** What one recording found. */
export interface FrameBusy {
  /** Busy ms of each frame (wall time covered by tasks), in order. */
  perFrame: number[];
  /** CPU ms of each frame: each task's thread time, shared out by how much of it fell in the frame. */
  cpuPerFrame: number[];
  /** 'frames' when frame boundaries came from the trace, 'slots' when fixed 16.7 ms slots stood in. */
  source: 'frames' | 'slots';
  /** Longest single task, ms. */
  longestTaskMs: number;
  /** Tasks over 50 ms. */
  longTasks: number;
  /** Start of each frame (trace µs); frame i spans bounds[i] to bounds[i + 1]. */
  bounds: number[];
  /** The measured page's renderer main thread, or null when the trace had none. */
  main: { pid: number; tid: number } | null;
}

/** The trace categories the bench records: top-level tasks and frame starts. */
export const CATEGORIES = ['toplevel', 'disabled-by-default-devtools.timeline.frame'].join(',');

/** Starts a trace; the returned function stops it and works out busy time per frame. */
export async function recordFrameBusy(cdp: CDPSession, categories = CATEGORIES, events: TraceEvent[] = []): Promise<() => Promise<FrameBusy>> {
  cdp.on('Tracing.dataCollected', (e) => {
    for (const ev of e.value) events.push(ev as unknown as TraceEvent);
  });
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  return async () => {
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await complete;
    return busyPerFrame(events);
  };
}

/** Merged [start, end) intervals of the top-level tasks on one thread, in µs. */
function mergedTasks(events: TraceEvent[], pid: number, tid: number): [number, number][] {
  const tasks = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'))
    .map((e): [number, number] => [e.ts, e.ts + (e.dur ?? 0)])
    .sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const t of tasks) {
    const last = out[out.length - 1];
    if (last && t[0] <= last[1]) last[1] = Math.max(last[1], t[1]);
    else out.push([t[0], t[1]]);
  }
  return out;
}

/** The renderer main thread that worked the most: the page being measured. */
function busiestRendererMain(events: TraceEvent[]): { pid: number; tid: number } | null {
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  let best: { pid: number; tid: number } | null = null;
  let bestBusy = -1;
  for (const m of mains) {
    const busy = mergedTasks(events, m.pid, m.tid).reduce((s, [a, b]) => s + (b - a), 0);
    if (busy > bestBusy) {
      bestBusy = busy;
      best = { pid: m.pid, tid: m.tid };
    }
  }
  return best;
}

/**
 * Busy µs of `tasks` ([start, end, weight]) inside [from, to), each overlap scaled by its weight.
 * `tasks` sorted and not overlapping; `from` increases across calls (`cursor` remembers where to start).
 */
function overlap(tasks: [number, number, number][], from: number, to: number, cursor: { i: number }): number {
  while (cursor.i < tasks.length && tasks[cursor.i][1] <= from) cursor.i++;
  let sum = 0;
  for (let i = cursor.i; i < tasks.length && tasks[i][0] < to; i++) sum += (Math.min(to, tasks[i][1]) - Math.max(from, tasks[i][0])) * tasks[i][2];
  return sum;
}

/** Top-level tasks that are not nested in another one, as [start, end, cpu share of wall time]. */
function outerTasks(events: TraceEvent[], pid: number, tid: number): [number, number, number][] {
  const tasks = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'))
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const out: [number, number, number][] = [];
  let end = -1;
  for (const e of tasks) {
    if (e.ts < end) continue;
    const dur = e.dur ?? 0;
    end = e.ts + dur;
    out.push([e.ts, end, dur > 0 && e.tdur !== undefined ? Math.min(1, e.tdur / dur) : 1]);
  }
  return out;
}

/** See the module comment. */
export function busyPerFrame(events: TraceEvent[]): FrameBusy {
  const main = busiestRendererMain(events);
  if (!main) return { perFrame: [], cpuPerFrame: [], source: 'slots', longestTaskMs: 0, longTasks: 0, bounds: [], main };
  const tasks = mergedTasks(events, main.pid, main.tid).map(([a, b]): [number, number, number] => [a, b, 1]);
  const cpuTasks = outerTasks(events, main.pid, main.tid);
  const raw = events.filter((e) => e.pid === main.pid && e.tid === main.tid && (e.ph === 'X' || e.ph === 'B') && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'));
  const longestTaskMs = raw.reduce((m, e) => Math.max(m, (e.dur ?? 0) / 1000), 0);
  const longTasks = raw.filter((e) => (e.dur ?? 0) > 50_000).length;
  let bounds = events
    .filter((e) => e.pid === main.pid && e.name === 'BeginMainThreadFrame')
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  let source: FrameBusy['source'] = 'frames';
  if (bounds.length < 10 && tasks.length > 0) {
    source = 'slots';
    bounds = [];
    for (let t = tasks[0][0]; t < tasks[tasks.length - 1][1]; t += 16_667) bounds.push(t);
  }
  const perFrame: number[] = [];
  const cpuPerFrame: number[] = [];
  const cursor = { i: 0 };
  const cpuCursor = { i: 0 };
  for (let i = 0; i + 1 < bounds.length; i++) {
    perFrame.push(overlap(tasks, bounds[i], bounds[i + 1], cursor) / 1000);
    cpuPerFrame.push(overlap(cpuTasks, bounds[i], bounds[i + 1], cpuCursor) / 1000);
  }
  return { perFrame, cpuPerFrame, source, longestTaskMs, longTasks, bounds, main };
}
