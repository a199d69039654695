/**
 * Where the slow playing frames go. Plays the UI bench's busy scenario at 16× in headless Chromium
 * from an unminified build (so functions keep their names), records a trace (rendering phases,
 * GC) and a CPU profile sampled every 100 µs, and prints, for the slowest 5% of frames and for
 * the frames around the median, the time per frame in each rendering phase and in the functions
 * that took the most (inclusive). It prints numbers; it is not a test.
 *
 *   npx tsx bench/frameWhy.ts [seconds]
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { launchChromium, openPlayground } from '../test/e2e-setup/browser';
import { ROOT, serveDir } from '../test/e2e-setup/server';
import { BUSY } from './busyScenario';
import { CATEGORIES, recordFrameBusy, type TraceEvent } from './frameBusy';

const SECONDS = Number(process.argv[2] ?? 8);
const OUT = '/tmp/frame3-dist-nomin';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  parent?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Rendering phases by trace event name; the rest of a task is script or other. */
const PHASE: Record<string, string> = {
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  Commit: 'paint',
  UpdateLayer: 'paint',
  MinorGC: 'gc',
  MajorGC: 'gc',
  'V8.GC_SCAVENGER': 'gc',
  FunctionCall: 'script',
  EvaluateScript: 'script',
  TimerFire: 'script',
  FireAnimationFrame: 'script',
  EventDispatch: 'script',
  RunMicrotasks: 'script',
  'v8.run': 'script',
};

/** Self time per phase of nested X events on one thread, as [ts, self µs, phase] pieces. */
function phasePieces(events: TraceEvent[], pid: number, tid: number): { ts: number; end: number; phase: string }[] {
  const xs = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  // Each piece is a span of an event not covered by a nested event: walk with a stack.
  const out: { ts: number; end: number; phase: string }[] = [];
  const stack: { end: number; phase: string; at: number }[] = [];
  const flushTo = (t: number) => {
    while (stack.length) {
      const top = stack[stack.length - 1];
      const until = Math.min(t, top.end);
      if (until > top.at) out.push({ ts: top.at, end: until, phase: top.phase });
      top.at = Math.max(top.at, until);
      if (top.end <= t) stack.pop();
      else break;
    }
  };
  for (const e of xs) {
    flushTo(e.ts);
    const parent = stack[stack.length - 1];
    const phase = PHASE[e.name] ?? (parent ? parent.phase : 'other');
    if (parent && parent.at < e.ts) out.push({ ts: parent.at, end: e.ts, phase: parent.phase });
    if (parent) parent.at = e.ts + (e.dur ?? 0);
    stack.push({ end: e.ts + (e.dur ?? 0), phase, at: e.ts });
  }
  flushTo(Number.POSITIVE_INFINITY);
  return out;
}

function frameOf(bounds: number[], t: number): number {
  let lo = 0;
  let hi = bounds.length - 1;
  if (t < bounds[0] || t >= bounds[hi]) return -1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (bounds[mid] <= t) lo = mid;
    else hi = mid;
  }
  return lo;
}

async function main(): Promise<void> {
  const vite = join(ROOT, 'node_modules', '.bin', 'vite');
  await promisify(execFile)(vite, ['build', '--logLevel', 'warn', '--minify', 'false', '--outDir', OUT, '--emptyOutDir'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  const server = await serveDir(OUT);
  console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  const browser = await launchChromium();
  try {
    const page = await openPlayground(browser, server.url);
    await page.evaluate((s) => window.eventually?.loadScenario(s as never), BUSY);
    await page.getByLabel('Speed').selectOption('16');
    const play = await page.getByRole('button', { name: 'Play (Space)' }).boundingBox();
    if (!play) throw new Error('the Play button is not on screen');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    const events: TraceEvent[] = [];
    const stop = await recordFrameBusy(cdp, `${CATEGORIES},devtools.timeline,v8${process.env.FRAME_WHY_INVALIDATIONS ? ",disabled-by-default-devtools.timeline.invalidationTracking" : ""}`, events);
    await cdp.send('Profiler.start');
    await page.mouse.click(play.x + play.width / 2, play.y + play.height / 2);
    await page.waitForTimeout(SECONDS * 1000);
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    const fb = await stop();
    if (!fb.main) throw new Error('no renderer main thread in the trace');
    // For a closer look by hand: the raw trace and profile.
    if (process.env.FRAME_WHY_DUMP) await writeFile(process.env.FRAME_WHY_DUMP, JSON.stringify({ events, profile, bounds: fb.bounds, perFrame: fb.perFrame, main: fb.main }));
    const n = fb.perFrame.length;
    const order = [...fb.perFrame.keys()].sort((a, b) => fb.perFrame[a] - fb.perFrame[b]);
    const slow = new Set(order.slice(Math.floor(n * 0.95)));
    const mid = new Set(order.slice(Math.floor(n * 0.45), Math.floor(n * 0.55)));
    console.log(`${n} frames; busy p50 ${fb.perFrame[order[Math.floor(n / 2)]].toFixed(1)} ms, p95 ${fb.perFrame[order[Math.floor(n * 0.95)]].toFixed(1)} ms`);

    // Rendering phases from the trace.
    const phases = { slow: new Map<string, number>(), mid: new Map<string, number>() };
    for (const p of phasePieces(events, fb.main.pid, fb.main.tid)) {
      const f = frameOf(fb.bounds, p.ts);
      const group = slow.has(f) ? phases.slow : mid.has(f) ? phases.mid : null;
      if (group) group.set(p.phase, (group.get(p.phase) ?? 0) + (p.end - p.ts) / 1000);
    }
    console.log('\nphase (ms per frame)      slowest 5%   median 10%');
    for (const k of new Set([...phases.slow.keys(), ...phases.mid.keys()])) {
      console.log(`  ${k.padEnd(22)} ${((phases.slow.get(k) ?? 0) / slow.size).toFixed(2).padStart(10)} ${((phases.mid.get(k) ?? 0) / mid.size).toFixed(2).padStart(12)}`);
    }

    // Functions, inclusive, from the CPU profile.
    const byId = new Map(profile.nodes.map((x) => [x.id, x]));
    for (const x of profile.nodes) for (const c of x.children ?? []) (byId.get(c) as ProfileNode).parent = x.id;
    const incl = { slow: new Map<string, number>(), mid: new Map<string, number>() };
    // Per frame: ms in a few functions that name the frame's jobs.
    const JOBS = ['advanceFor', 'drawOverlay', 'emitTick', 'report', 'performWorkOnRoot', '(garbage collector)', 'requestChartFrame', 'drawCharts'];
    const jobs = new Map<number, Map<string, number>>();
    let t = profile.startTime;
    for (let i = 0; i < profile.samples.length; i++) {
      t += profile.timeDeltas[i];
      const dt = (profile.timeDeltas[i + 1] ?? 100) / 1000;
      const f = frameOf(fb.bounds, t);
      if (f < 0) continue;
      const seen = new Set<string>();
      const m = jobs.get(f) ?? new Map<string, number>();
      jobs.set(f, m);
      for (let node = byId.get(profile.samples[i]); node; node = node.parent === undefined ? undefined : byId.get(node.parent)) {
        const fn = node.callFrame.functionName;
        if (JOBS.includes(fn) && !seen.has(fn)) {
          seen.add(fn);
          m.set(fn, (m.get(fn) ?? 0) + dt);
        }
      }
      seen.clear();
      const group = slow.has(f) ? incl.slow : mid.has(f) ? incl.mid : null;
      if (!group) continue;
      for (let node = byId.get(profile.samples[i]); node; node = node.parent === undefined ? undefined : byId.get(node.parent)) {
        const cf = node.callFrame;
        const name = `${cf.functionName || '(anon)'}${cf.url ? `:${cf.lineNumber}` : ''}`;
        if (seen.has(name)) continue;
        seen.add(name);
        group.set(name, (group.get(name) ?? 0) + dt);
      }
    }
    console.log('\nfunction, inclusive (ms per frame)             slowest 5%   median 10%');
    const top = [...incl.slow.entries()].sort((a, b) => b[1] - a[1]).slice(0, 60);
    for (const [k, v] of top) console.log(`  ${k.slice(0, 44).padEnd(44)} ${(v / slow.size).toFixed(2).padStart(10)} ${((incl.mid.get(k) ?? 0) / mid.size).toFixed(2).padStart(12)}`);
    // Each slow frame's phases (trace) and jobs (profile).
    const framePhases = new Map<number, Map<string, number>>();
    for (const p of phasePieces(events, fb.main.pid, fb.main.tid)) {
      const f = frameOf(fb.bounds, p.ts);
      if (!slow.has(f)) continue;
      const m = framePhases.get(f) ?? new Map<string, number>();
      framePhases.set(f, m);
      m.set(p.phase, (m.get(p.phase) ?? 0) + (p.end - p.ts) / 1000);
    }
    const fmt = (m: Map<string, number> | undefined) =>
      [...(m ?? new Map<string, number>()).entries()]
        .filter(([, v]) => v >= 0.3)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${v.toFixed(1)}`)
        .join(', ');
    console.log('\nslowest frames: busy ms | phases | jobs');
    for (const f of [...slow].sort((a, b) => a - b)) console.log(`  #${f} ${fb.perFrame[f].toFixed(1)} | ${fmt(framePhases.get(f))} | ${fmt(jobs.get(f))}`);
    // Frames by kind: a tick ran in it, it follows a tick (the layout and paint of the tick's
    // changes), or neither. CPU (thread) time is less bent by other processes than busy (wall) time.
    const kinds = new Map<string, number[]>([['tick', []], ['after tick', []], ['other', []]]);
    const ticked = (f: number) => (jobs.get(f)?.get('emitTick') ?? 0) > 0;
    for (let f = 0; f < n; f++) kinds.get(ticked(f) ? 'tick' : f > 0 && ticked(f - 1) ? 'after tick' : 'other')?.push(f);
    const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? Number.NaN;
    console.log('\nframes by kind: count (share) | CPU p50 / p95 | busy p50 / p95 | mean ms in jobs');
    for (const [kind, fs] of kinds) {
      const mean = new Map<string, number>();
      for (const f of fs) for (const [k, v] of jobs.get(f) ?? []) mean.set(k, (mean.get(k) ?? 0) + v / fs.length);
      const cpu = fs.map((f) => fb.cpuPerFrame[f]);
      const busy = fs.map((f) => fb.perFrame[f]);
      console.log(
        `  ${kind.padEnd(10)} ${fs.length} (${((fs.length / n) * 100).toFixed(1)}%) | ${q(cpu, 0.5).toFixed(1)} / ${q(cpu, 0.95).toFixed(1)} | ${q(busy, 0.5).toFixed(1)} / ${q(busy, 0.95).toFixed(1)} | ${fmt(mean)}`,
      );
    }
    // Tick frames by component: which React components (named functions starting upper case) and
    // which selectors the tick's subscription checks ran (emitTick's callees) took the time.
    const tickFrames = new Set(kinds.get('tick'));
    const comp = new Map<string, number>();
    let tt = profile.startTime;
    for (let i = 0; i < profile.samples.length; i++) {
      tt += profile.timeDeltas[i];
      if (!tickFrames.has(frameOf(fb.bounds, tt))) continue;
      const dt = (profile.timeDeltas[i + 1] ?? 100) / 1000;
      const seen = new Set<string>();
      for (let node = byId.get(profile.samples[i]); node; node = node.parent === undefined ? undefined : byId.get(node.parent)) {
        const cf = node.callFrame;
        if (!cf.url || !/^[A-Z]/.test(cf.functionName)) continue;
        const name = `${cf.functionName}:${cf.lineNumber}`;
        if (seen.has(name)) continue;
        seen.add(name);
        comp.set(name, (comp.get(name) ?? 0) + dt);
      }
    }
    console.log('\ntick frames: React components, inclusive (ms per tick frame)');
    for (const [k, v] of [...comp.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${k.slice(0, 44).padEnd(44)} ${(v / Math.max(1, tickFrames.size)).toFixed(2).padStart(8)}`);
    await page.context().close();
  } finally {
    await Promise.all([browser.close(), server.close()]);
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
