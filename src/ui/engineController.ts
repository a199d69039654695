/**
 * The one place the UI touches the engine. The `Simulation` lives here, outside React;
 * components read it through `view()`, `report()` and the trace index, and re-render on
 * the throttled "tick" channel. The topology's message overlay listens on the per-frame
 * channel instead and draws without React.
 *
 * Time travel is a deterministic re-run (`new Simulation(scenario)` run to `t`), sliced so
 * the page stays responsive, with a few parked checkpoint runs for long scenarios.
 */
import type { EngineView } from '../sim/api';
import { Simulation } from '../sim/engine';
import type { MetricsRecorder } from '../sim/metrics';
import { DEFAULT_SCENARIO, parseScenario, validateChange, withControl } from '../sim/scenario';
import type { ControlChange, Report, Scenario, TraceEvent } from '../sim/types';
import { flushPendingEdits } from './pendingEdits';
import { advanceFor, whenIdle, yieldToBrowser } from './slicing';
import { useUi, VIRTUAL_MS_PER_SECOND } from './store';
import { TraceIndex } from './traceIndex';

/** A simulation together with the index built over its trace. */
interface Run {
  sim: Simulation;
  index: TraceIndex;
  /** Scenario generation this run was started from. */
  gen: number;
  step: { step: number };
}

/** The value a control has at a time: the scenario's setting overridden by earlier changes. */
export function controlValueAt(s: Scenario, path: string, t: number): number | boolean | string {
  const [sec, key] = path.split('.');
  let v: number | boolean | string =
    sec === 'faults' ? s.faults[key as keyof Scenario['faults']] : (s.remedies[key as keyof Scenario['remedies']] as boolean | string);
  for (const c of s.changes) {
    if (c.atMs > t) break;
    if (c.path === path) v = c.value;
  }
  return v;
}

function cloneScenario(s: Scenario): Scenario {
  return JSON.parse(JSON.stringify(s)) as Scenario;
}

/** Estimated end of a run before a background run has measured it. */
function estimateEnd(s: Scenario): number {
  const w = s.workload;
  return Math.min(s.durationMs, w.orders * w.intervalMs + 20 * (s.faults.latencyMs + s.faults.jitterMs) + 500);
}

const TICK_MS = 120;
const FRAME_BUDGET_MS = 5;
const JOB_SLICE_MS = 10;

/** The starting-setup fields `setSetup` changes. */
export type SetupPatch = Partial<Pick<Scenario['workload'], 'orders' | 'intervalMs' | 'cancelRatio' | 'cancelAfterMs'>> & {
  stock?: number;
  seed?: number;
  durationMs?: number;
};

/** See the module comment. One instance: `engine`. */
export class EngineController {
  private run: Run;
  private scenarioValue: Scenario;
  private gen = 0;
  private token = 0;
  private bgToken = 0;
  private jobActive = false;
  /** A fresh re-run a cancelled seek left behind; reused when the next seek lies ahead of it. */
  private spare: Run | null = null;
  private checkpoints: Run[] = [];
  private fullRunMs = 0;
  private raf = 0;
  private lastTs = 0;
  private lastTick = 0;
  private readonly frameSubs = new Set<() => void>();
  private readonly tickSubs = new Set<() => void>();
  private viewCache: { key: string; view: EngineView } | null = null;
  private reportCache: { key: string; report: Report } | null = null;
  private hashCache: { key: string; hash: string } | null = null;
  /** Bumped on every tick; lets hooks tell snapshots apart. */
  version = 0;

  constructor(s: Scenario = DEFAULT_SCENARIO) {
    this.scenarioValue = cloneScenario(s);
    this.run = this.freshRun();
    useUi.subscribe((state, prev) => {
      if (state.playing && !prev.playing) this.startLoop();
    });
  }

  // ——— reading ———

  /** The scenario as it stands: starting setup plus the control changes recorded so far. */
  get scenario(): Scenario {
    return this.scenarioValue;
  }

  /** Virtual time of the playhead. */
  get now(): number {
    return this.run.sim.now;
  }

  /** True when nothing is left to happen. */
  get done(): boolean {
    return this.run.sim.done;
  }

  /** Every trace event up to the playhead. */
  get trace(): readonly TraceEvent[] {
    return this.run.sim.trace;
  }

  /** The index over the current run's trace. */
  get index(): TraceIndex {
    return this.run.index;
  }

  /** Observability: the current run's metrics and alerts (see src/ui/observability). */
  get recorder(): MetricsRecorder | null {
    return this.run.sim.recorder;
  }

  private key(): string {
    return `${this.gen}:${this.run.sim.now}:${this.run.sim.trace.length}`;
  }

  /** The engine's view at the playhead, computed at most once per playhead position. */
  view(): EngineView {
    const key = this.key();
    if (this.viewCache?.key === key) return this.viewCache.view;
    const view = this.run.sim.view();
    for (const o of view.orders) this.run.index.linkOrder(o.id, o.requestId);
    this.viewCache = { key, view };
    return view;
  }

  /**
   * The view for drawing moving messages: while playing, refreshed at most every `maxAgeMs` of
   * wall time; in between, the caller interpolates positions with `now`. Copying the whole view
   * every frame would cost more than the drawing itself.
   */
  viewForDrawing(maxAgeMs = 48): EngineView {
    const playing = useUi.getState().playing && !this.jobActive;
    if (playing && this.drawView && this.drawView.gen === this.gen && performance.now() - this.drawView.at < maxAgeMs) return this.drawView.view;
    const view = this.view();
    this.drawView = { view, at: performance.now(), gen: this.gen };
    return view;
  }

  private drawView: { view: EngineView; at: number; gen: number } | null = null;

  /** The report at the playhead (cached per position). */
  report(): Report {
    const key = this.key();
    if (this.reportCache?.key === key) return this.reportCache.report;
    const report = this.run.sim.report();
    this.reportCache = { key, report };
    return report;
  }

  /** FNV-1a hash of the trace so far. */
  traceHash(): string {
    const key = this.key();
    if (this.hashCache?.key === key) return this.hashCache.hash;
    const hash = this.run.sim.traceHash();
    this.hashCache = { key, hash };
    return hash;
  }

  /** The value a control has at the playhead. */
  controlValue(path: string): number | boolean | string {
    return controlValueAt(this.scenarioValue, path, this.now);
  }

  // ——— subscriptions ———

  /** Called on every animation frame in which the playhead moved. */
  subscribeFrame = (fn: () => void): (() => void) => {
    this.frameSubs.add(fn);
    return () => this.frameSubs.delete(fn);
  };

  /** Called a few times a second while playing, and at once after any discrete change. */
  subscribeTick = (fn: () => void): (() => void) => {
    this.tickSubs.add(fn);
    return () => this.tickSubs.delete(fn);
  };

  private emitFrame(): void {
    this.run.index.sync(this.run.sim.trace);
    const now = this.run.sim.now;
    // The scrubber and clock follow at ~20 Hz while playing: smooth enough, and cheaper than every frame.
    const ts = performance.now();
    if (useUi.getState().playhead !== now && (!useUi.getState().playing || ts - this.lastPlayheadSet > 50)) {
      this.lastPlayheadSet = ts;
      useUi.setState({ playhead: now });
    }
    const ui = useUi.getState();
    if (!ui.horizonKnown && now > ui.horizon) useUi.setState({ horizon: Math.ceil(now * 1.25) });
    for (const fn of this.frameSubs) fn();
  }

  private emitTick(): void {
    this.emitFrame();
    this.version++;
    const t0 = performance.now();
    for (const fn of this.tickSubs) fn();
    const cost = performance.now() - t0;
    this.lastTick = performance.now();
    // A tick re-renders the panels (and computes the report). When that is expensive, tick less
    // often while playing, so slow frames stay rare: about one frame in 25 at most.
    this.tickEvery = Math.min(1000, Math.max(TICK_MS, cost * 25));
  }

  private tickEvery = TICK_MS;
  private lastPlayheadSet = 0;
  private tickQueued = false;

  // ——— loading and controls ———

  private freshRun(): Run {
    // Observability: every run records metrics and alerts (≤ 20% engine cost, see bench/metrics.ts).
    return { sim: new Simulation(cloneScenario(this.scenarioValue), { metrics: true }), index: new TraceIndex(), gen: this.gen, step: { step: 5 } };
  }

  /** Replaces the scenario and rewinds to the start. Selection is cleared. */
  load(input: Scenario, opts: { locked?: string[] } = {}): void {
    const s = parseScenario(input);
    this.cancel();
    this.setScenario(s);
    this.run = this.freshRun();
    useUi.setState({
      playing: false,
      playhead: 0,
      locked: opts.locked ?? [],
      selectedOrder: null,
      selectedMessage: null,
      inspect: null,
      notice: null,
    });
    this.emitTick();
  }

  private setScenario(s: Scenario): void {
    this.scenarioValue = cloneScenario(s);
    this.gen++;
    this.spare = null;
    this.checkpoints = [];
    useUi.setState({ horizon: estimateEnd(s), horizonKnown: false });
    void this.backgroundRuns();
  }

  /**
   * Changes a fault or remedy. At the start it edits the starting setup; mid-run it drops
   * the changes recorded after the playhead and records this one at the playhead; after
   * the end it edits the starting setup and re-runs to the end so the outcome updates.
   */
  setControl(path: string, value: number | boolean | string): Promise<void> {
    // Validate synchronously so callers get a ScenarioError at the call site.
    const v = validateChange(path, value);
    const p = this.settling.then(() => this.applyControl(path, v));
    this.settling = p.catch(() => undefined);
    return p;
  }

  /** Control changes apply one after another; seeks and runs wait for them. */
  private settling: Promise<unknown> = Promise.resolve();

  private async applyControl(path: string, v: number | boolean | string): Promise<void> {
    // A run to the end that the change interrupts carries on afterwards, with the new setting.
    const resume = this.jobActive && this.jobKind === 'runToEnd';
    this.cancel();
    const t = this.run.sim.now;
    const s = this.scenarioValue;
    if (this.run.sim.done && t > 0) {
      const base = withControl(s, path, v);
      base.changes = s.changes.filter((c) => c.path !== path);
      this.setScenario(base);
      this.run = this.freshRun();
      useUi.setState({ notice: 'The run had finished, so it was re-run from the start with the new setting.' });
      this.emitTick();
      await this.runToEndNow();
      return;
    }
    const kept: ControlChange[] = s.changes.filter((c) => c.atMs <= t);
    if (t === 0) {
      const base = withControl({ ...s, changes: kept.filter((c) => c.path !== path) }, path, v);
      this.setScenario(base);
      this.run = this.freshRun();
      this.emitTick();
      return;
    }
    if (kept.length !== s.changes.length) {
      this.setScenario({ ...s, changes: kept });
      useUi.setState({ notice: 'Later control changes were dropped: the run continues from here with the new setting.' });
      const ok = await this.seekFresh(t);
      if (!ok) return;
    }
    this.run.sim.setControl(path, v);
    this.scenarioValue = cloneScenario(this.run.sim.scenario);
    this.gen++;
    this.run.gen = this.gen;
    this.spare = null;
    this.checkpoints = [];
    void this.backgroundRuns();
    this.emitTick();
    if (resume) await this.runToEndNow();
  }

  /** Changes the workload, stock, seed or run length: a new starting setup, so the run restarts. */
  async setSetup(patch: SetupPatch): Promise<void> {
    const s = this.scenarioValue;
    const { stock, seed, durationMs, ...workload } = patch;
    const next = parseScenario({
      ...s,
      seed: seed ?? s.seed,
      durationMs: durationMs ?? s.durationMs,
      workload: { ...s.workload, ...workload },
      inventory: { stock: stock ?? s.inventory.stock },
    });
    const wasDone = this.run.sim.done && this.run.sim.now > 0;
    this.cancel();
    this.setScenario(next);
    this.run = this.freshRun();
    useUi.setState({ playhead: 0 });
    this.emitTick();
    if (wasDone) await this.runToEndNow();
  }

  // ——— playback ———

  /** Starts or stops playing. Playing from the end restarts from the beginning. */
  togglePlay(): void {
    flushPendingEdits();
    const ui = useUi.getState();
    if (ui.playing) {
      useUi.setState({ playing: false });
      this.emitTick();
      return;
    }
    if (this.run.sim.done) {
      void this.seek(0).then(() => useUi.setState({ playing: true }));
      return;
    }
    useUi.setState({ playing: true });
  }

  private startLoop(): void {
    if (this.raf) return;
    this.lastTs = performance.now();
    this.raf = requestAnimationFrame(this.frame);
  }

  private frame = (ts: number): void => {
    this.raf = 0;
    const ui = useUi.getState();
    if (!ui.playing) return;
    const dt = Math.min(100, Math.max(0, ts - this.lastTs));
    this.lastTs = ts;
    if (!this.jobActive) {
      const sim = this.run.sim;
      const target = sim.now + (dt * ui.speed * VIRTUAL_MS_PER_SECOND) / 1000;
      advanceFor(sim, target, FRAME_BUDGET_MS, this.run.step);
      if (sim.done) {
        useUi.setState({ playing: false });
        this.emitTick();
        return;
      }
      this.emitFrame();
      // Panels re-render in their own task after this frame, so React work never stretches
      // the frame that moves the dots.
      if (performance.now() - this.lastTick > this.tickEvery && !this.tickQueued) {
        this.tickQueued = true;
        this.lastTick = performance.now();
        setTimeout(() => {
          this.tickQueued = false;
          this.emitTick();
        }, 0);
      }
    }
    this.raf = requestAnimationFrame(this.frame);
  };

  /** Processes the next scheduled event and pauses. */
  stepForward(): void {
    flushPendingEdits();
    if (this.jobActive) return;
    useUi.setState({ playing: false });
    this.run.sim.step();
    this.emitTick();
  }

  /** Goes back to the time of the previous event. */
  async stepBack(): Promise<void> {
    flushPendingEdits();
    useUi.setState({ playing: false });
    const trace = this.run.sim.trace;
    const now = this.run.sim.now;
    let target = 0;
    for (let i = trace.length - 1; i >= 0; i--) {
      if (trace[i].t < now) {
        target = trace[i].t;
        break;
      }
    }
    await this.seek(target);
  }

  /** Runs to the end in slices. Resolves when done (or when superseded). */
  async runToEnd(): Promise<void> {
    flushPendingEdits();
    await this.settling;
    await this.runToEndNow();
  }

  private async runToEndNow(): Promise<void> {
    const token = this.begin('runToEnd', 'Running to the end…');
    const run = this.run;
    while (!advanceFor(run.sim, Number.POSITIVE_INFINITY, JOB_SLICE_MS, run.step)) {
      this.emitFrame();
      await yieldToBrowser();
      if (token !== this.token) return;
    }
    this.end(token);
    useUi.setState({ playing: false });
    this.emitTick();
  }

  /** Moves the playhead to `t`: forward by running on, backward by a deterministic re-run. */
  async seek(t: number): Promise<void> {
    flushPendingEdits();
    await this.settling;
    const target = Math.max(0, t);
    if (target >= this.run.sim.now) {
      const token = this.begin('seek', 'Seeking…');
      const run = this.run;
      while (!advanceFor(run.sim, target, JOB_SLICE_MS, run.step)) {
        this.emitFrame();
        await yieldToBrowser();
        if (token !== this.token) return;
      }
      this.end(token);
      this.emitTick();
      return;
    }
    await this.seekFresh(target);
  }

  /** Re-runs from the best parked run (or from scratch) to `t` and adopts it. */
  private async seekFresh(target: number): Promise<boolean> {
    const token = this.begin('seek', 'Rewinding…');
    let run = this.spare && this.spare.gen === this.gen && this.spare.sim.now <= target ? this.spare : null;
    if (!run) {
      let best = -1;
      this.checkpoints.forEach((c, i) => {
        if (c.gen === this.gen && c.sim.now <= target && (best < 0 || c.sim.now > this.checkpoints[best].sim.now)) best = i;
      });
      if (best >= 0) {
        run = this.checkpoints[best];
        this.checkpoints.splice(best, 1);
        this.scheduleRefill();
      } else {
        run = this.freshRun();
      }
    }
    this.spare = run;
    while (!advanceFor(run.sim, target, JOB_SLICE_MS, run.step)) {
      run.index.sync(run.sim.trace);
      await yieldToBrowser();
      if (token !== this.token) return false;
    }
    run.index.sync(run.sim.trace);
    this.spare = null;
    this.run = run;
    this.end(token);
    this.emitTick();
    return true;
  }

  private jobKind: 'runToEnd' | 'seek' | null = null;

  private begin(kind: 'runToEnd' | 'seek', label: string): number {
    const token = ++this.token;
    this.jobKind = kind;
    this.jobActive = true;
    // Only show the busy label when the job outlives a frame or two, so quick seeks do not flicker.
    setTimeout(() => {
      if (this.token === token && this.jobActive) useUi.setState({ busy: label });
    }, 120);
    return token;
  }

  private end(token: number): void {
    if (token !== this.token) return;
    this.jobActive = false;
    if (useUi.getState().busy) useUi.setState({ busy: null });
  }

  /** Cancels a running seek or run-to-end; the live run stays where it got to. */
  cancel(): void {
    this.token++;
    this.jobActive = false;
    if (useUi.getState().busy) useUi.setState({ busy: null });
  }

  // ——— background runs: the end of the timeline, and checkpoints ———

  private async backgroundRuns(): Promise<void> {
    const token = ++this.bgToken;
    const gen = this.gen;
    const probe = this.freshRun();
    const started = performance.now();
    let busyMs = 0;
    while (!probe.sim.done) {
      const budget = await whenIdle();
      if (token !== this.bgToken) return;
      const t0 = performance.now();
      advanceFor(probe.sim, Number.POSITIVE_INFINITY, budget, probe.step);
      busyMs += performance.now() - t0;
      if (performance.now() - started > 120_000) return;
    }
    if (token !== this.bgToken || gen !== this.gen) return;
    this.fullRunMs = busyMs;
    useUi.setState({ horizon: Math.max(1, probe.sim.now), horizonKnown: true });
    // Short runs re-run from scratch faster than checkpoints pay for themselves.
    if (busyMs < 40) return;
    for (const f of [0.25, 0.5, 0.75]) await this.buildCheckpoint(probe.sim.now * f, token);
  }

  private async buildCheckpoint(t: number, token: number): Promise<void> {
    const run = this.freshRun();
    while (run.sim.now < t && !run.sim.done) {
      const budget = await whenIdle();
      if (token !== this.bgToken) return;
      advanceFor(run.sim, t, budget, run.step);
    }
    run.index.sync(run.sim.trace);
    if (token === this.bgToken) this.checkpoints.push(run);
  }

  private refillTimer: ReturnType<typeof setTimeout> | null = null;

  private scheduleRefill(): void {
    if (this.refillTimer || this.fullRunMs < 40) return;
    this.refillTimer = setTimeout(() => {
      this.refillTimer = null;
      const horizon = useUi.getState().horizon;
      const have = this.checkpoints.map((c) => c.sim.now);
      const token = this.bgToken;
      void (async () => {
        for (const f of [0.25, 0.5, 0.75]) {
          const t = horizon * f;
          if (!have.some((h) => Math.abs(h - t) < 1)) await this.buildCheckpoint(t, token);
        }
      })();
    }, 800);
  }
}

/** The controller every component and the playground API share. */
export const engine = new EngineController();
