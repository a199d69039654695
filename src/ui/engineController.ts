/**
 * The one place the UI touches the engine. The `Simulation` lives here, outside React;
 * components read it through `view()`, `report()` and the trace index, and re-render on
 * the throttled "tick" channel. The topology's message overlay listens on the per-frame
 * channel instead and draws without React.
 *
 * The work is split: `player/player.ts` moves the live run through time (its modes are the
 * XState machine in `player/playbackMachine.ts`), `player/runCache.ts` keeps runs for time
 * travel, `player/controlEdits.ts` holds the rules for changing a control mid-run. This file
 * wires them to the UI store and caches what the panels read.
 */
import type { EngineView, InFlightView } from '../sim/api';
import type { MetricsRecorder } from '../sim/metrics';
import { DEFAULT_SCENARIO, parseScenario, validateChange } from '../sim/scenario';
import type { Report, Scenario, TraceEvent, WhatIf } from '../sim/types';
import { buildInFlight } from '../sim/view';
import type { WhatIfOption } from '../sim/whatIf';
import { flushPendingEdits } from './pendingEdits';
import { controlValueAt, planEdit } from './player/controlEdits';
import { Player } from './player/player';
import { estimateEnd, RunCache } from './player/runCache';
import { useUi, VIRTUAL_MS_PER_SECOND } from './store';
import type { TraceIndex } from './traceIndex';

export { controlValueAt };

/**
 * Panels re-render at most this often while playing. A tick computes the report and re-renders
 * the React panels (several ms), and the frame after it lays out and paints what changed, so one
 * tick makes two or three slow frames: at least TICK_FRAMES frames apart keeps them under one
 * frame in twenty (the frame p95). Readers of numbers in a moving run do not need more; pausing
 * brings every panel to the playhead at once.
 */
const TICK_MS = 600;
const TICK_FRAMES = 50;
/**
 * ...but never further apart than this: on a slow machine (a projector laptop drawing 15 frames a
 * second) 50 frames would leave the panels seconds behind the dots, e.g. still saying "no orders
 * yet" while orders fly. Truth beats the frame budget.
 */
const MAX_TICK_GAP_MS = 1200;
/** Wall ms the engine may take in a playing frame. */
const FRAME_BUDGET_MS = 5;
/**
 * ...and in a frame that also carries a tick (the report and the panels' re-render) or the
 * layout and paint that follow one: those frames are the slowest, so the run moves a little
 * less in them (the clock shows where it got) rather than stretching them further.
 */
const LEAN_BUDGET_MS = 1.5;
/**
 * A tick waits for the next frame when this frame's own work (engine steps and the canvas) already
 * took this long: a burst of events and a tick in one frame would make the slowest frames.
 */
const HEAVY_FRAME_MS = 4;
/** A job shows its label in the store's `busy` only when it outlives a few frames. */
const BUSY_LABEL_AFTER_MS = 120;

/** See `EngineController.position`. */
interface Position {
  sim: unknown;
  gen: number;
  now: number;
  len: number;
}

function cloneScenario(s: Scenario): Scenario {
  return JSON.parse(JSON.stringify(s)) as Scenario;
}

/** The starting-setup fields `setSetup` changes. */
export type SetupPatch = Partial<Pick<Scenario['workload'], 'orders' | 'intervalMs' | 'cancelRatio' | 'cancelAfterMs'>> & {
  stock?: number;
  seed?: number;
  durationMs?: number;
};

/** See the module comment. One instance: `engine`. */
export class EngineController {
  private scenarioValue: Scenario;
  /** Runs kept for time travel. */
  readonly cache: RunCache;
  /** Moves the live run; its `actor` is the playback machine. */
  readonly player: Player;
  private lastTick = 0;
  private tickEvery = TICK_MS;
  private tickQueued = false;
  private framesSinceTick = 0;
  /** When the current playing frame started (performance.now()). */
  private frameStart = 0;
  /** The next playing frame follows a tick: the browser lays out and paints what the tick changed. */
  private afterTick = false;
  private readonly frameSubs = new Set<() => void>();
  private readonly tickSubs = new Set<() => void>();
  private viewCache: { at: Position; view: EngineView } | null = null;
  private reportCache: { at: Position; report: Report } | null = null;
  private hashCache: { at: Position; hash: string } | null = null;
  /** Bumped on every tick; lets hooks tell snapshots apart. */
  version = 0;

  constructor(s: Scenario = DEFAULT_SCENARIO) {
    this.scenarioValue = cloneScenario(s);
    this.cache = new RunCache(this.scenarioValue, {
      measuring: () => this.player?.actor.send({ type: 'MEASURE' }),
      measured: (end) => {
        this.player.actor.send({ type: 'MEASURED' });
        useUi.setState({ horizon: end, horizonKnown: true });
      },
      checkpointsDone: () => this.player.actor.send({ type: 'CHECKPOINTS_DONE' }),
      holdBackground: () => this.player?.playing ?? false,
      jobRunning: () => this.player?.busy ?? false,
    });
    this.player = new Player(this.cache, {
      frame: () => this.onFrame(),
      tick: () => this.emitTick(),
      rate: () => (useUi.getState().speed * VIRTUAL_MS_PER_SECOND) / 1000,
      horizon: () => useUi.getState().horizon,
      frameBudget: () => this.frameBudget(),
    });
    this.mirrorToStore();
    this.cache.reset(this.scenarioValue);
    // The player's first run was made before the reset, in generation 0: a run of the current
    // generation lets the first jump reuse indexes as every later one does (see Player.adopt).
    this.player.replace(this.cache.fresh());
  }

  /**
   * The store's `playing` and `busy` follow the machine, and a component that sets
   * `playing` in the store (older code does) is turned into the machine's event.
   */
  private mirrorToStore(): void {
    let busyTimer: ReturnType<typeof setTimeout> | null = null;
    let wasPlaying = false;
    this.player.actor.subscribe((snap) => {
      const nowPlaying = snap.matches({ transport: 'playing' });
      // Leaving 'playing' however it happened (pause, a seek, the end): panels catch up with the playhead at once.
      if (wasPlaying && !nowPlaying) queueMicrotask(() => this.emitTick());
      wasPlaying = nowPlaying;
      const playing = nowPlaying || (snap.context.job !== null && snap.context.resume);
      if (useUi.getState().playing !== playing) useUi.setState({ playing });
      const job = snap.context.job;
      if (!job && useUi.getState().busy) useUi.setState({ busy: null });
      if (job && !busyTimer) {
        busyTimer = setTimeout(() => {
          busyTimer = null;
          const j = this.player.actor.getSnapshot().context.job;
          if (j) useUi.setState({ busy: `${j.label}…` });
        }, BUSY_LABEL_AFTER_MS);
      }
      if (typeof document !== 'undefined') {
        const value = snap.value as { transport: string; background: string };
        document.documentElement.dataset.player = value.transport;
        // Tests and the UI bench wait for background measuring and checkpointing to settle.
        document.documentElement.dataset.background = value.background;
      }
    });
    useUi.subscribe((state, prev) => {
      if (state.playing === prev.playing || state.playing === this.player.playing) return;
      if (state.playing) this.player.play();
      else this.player.pause();
    });
  }

  // ——— reading ———

  /** The scenario as it stands: starting setup plus the control changes recorded so far. */
  get scenario(): Scenario {
    return this.scenarioValue;
  }

  /** Virtual time of the playhead. */
  get now(): number {
    return this.player.run.sim.now;
  }

  /**
   * Why the panels are re-rendering on ticks rather than being exact at the playhead: the run is
   * playing, or running to the end; null when still (paused, or a seek the panels wait for).
   */
  get panelsFollow(): 'playing' | 'runToEnd' | null {
    if (this.player.playing) return 'playing';
    return this.player.jobKind === 'runToEnd' ? 'runToEnd' : null;
  }

  /** True when nothing is left to happen. */
  get done(): boolean {
    return this.player.run.sim.done;
  }

  /** Every trace event up to the playhead. */
  get trace(): readonly TraceEvent[] {
    return this.player.run.sim.trace;
  }

  /** The index over the current run's trace. */
  get index(): TraceIndex {
    return this.player.run.index;
  }

  /** Observability: the current run's metrics and alerts (see src/ui/observability). */
  get recorder(): MetricsRecorder | null {
    return this.player.run.sim.recorder;
  }

  /**
   * Identifies the playhead position: the run object (a rewind adopts another one), the
   * generation (a recorded change keeps the run but changes what comes next), time and length.
   */
  private position(): Position {
    const run = this.player.run;
    return { sim: run.sim, gen: this.cache.gen, now: run.sim.now, len: run.sim.trace.length };
  }

  private static same(a: Position, b: Position): boolean {
    return a.sim === b.sim && a.gen === b.gen && a.now === b.now && a.len === b.len;
  }

  /** The engine's view at the playhead, computed at most once per playhead position. */
  view(): EngineView {
    const at = this.position();
    if (this.viewCache && EngineController.same(this.viewCache.at, at)) return this.viewCache.view;
    const run = this.player.run;
    const view = run.sim.view();
    // Synced first: a link is remembered with the number of events seen (see TraceIndex.truncate).
    run.index.sync(run.sim.trace);
    for (const o of view.orders) run.index.linkOrder(o.id, o.requestId);
    this.viewCache = { at, view };
    return view;
  }

  /**
   * The messages in flight, for the canvas that draws them: built fresh each frame from the bus
   * alone (cheap: proportional to what is moving), or the cached view's when it is current.
   */
  inFlightForDrawing(): InFlightView[] {
    const at = this.position();
    if (this.viewCache && EngineController.same(this.viewCache.at, at)) return this.viewCache.view.inFlight;
    const sim = this.player.run.sim;
    return buildInFlight(sim.s, sim.now);
  }

  /** The report at the playhead (cached per position). */
  report(): Report {
    const at = this.position();
    if (this.reportCache && EngineController.same(this.reportCache.at, at)) return this.reportCache.report;
    const report = this.player.run.sim.report();
    this.reportCache = { at, report };
    return report;
  }

  /** FNV-1a hash of the trace so far. */
  traceHash(): string {
    const at = this.position();
    if (this.hashCache && EngineController.same(this.hashCache.at, at)) return this.hashCache.hash;
    const hash = this.player.run.sim.traceHash();
    this.hashCache = { at, hash };
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

  /**
   * Tells frame listeners the playhead moved. While playing, the store's `playhead` (which
   * re-renders React) only follows on ticks; the scrubber and clock follow frames by writing to
   * the DOM themselves (see Scrubber.tsx), so a playing frame runs no React at all.
   */
  private emitFrame(fromTick = false): void {
    const run = this.player.run;
    run.index.sync(run.sim.trace);
    const now = run.sim.now;
    const ui = useUi.getState();
    if (ui.playhead !== now && (fromTick || !this.player.playing)) useUi.setState({ playhead: now });
    // A run that has ended here knows its end, even before the background run has measured it:
    // the timeline must not go on showing an estimate with its thumb short of the end.
    if (!ui.horizonKnown && run.sim.done) useUi.setState({ horizon: Math.max(1, now), horizonKnown: true });
    else if (!ui.horizonKnown && now > ui.horizon) useUi.setState({ horizon: Math.ceil(now * 1.25) });
    for (const fn of this.frameSubs) fn();
  }

  /** True when the panels are due to re-render: enough time and frames since the last tick, or too long. */
  private tickDue(framesSinceTick: number): boolean {
    const gap = performance.now() - this.lastTick;
    return (gap > this.tickEvery && framesSinceTick >= TICK_FRAMES) || gap > MAX_TICK_GAP_MS;
  }

  /** The engine's budget for the playing frame that starts now (see LEAN_BUDGET_MS). */
  private frameBudget(): number {
    this.frameStart = performance.now();
    const lean = this.afterTick || this.tickDue(this.framesSinceTick + 1);
    this.afterTick = false;
    return lean ? LEAN_BUDGET_MS : FRAME_BUDGET_MS;
  }

  /** A frame from the player: draw, and while playing or running to the end re-render the panels now and then. */
  private onFrame(): void {
    this.emitFrame();
    // A run to the end moves the clock and the dots for seconds: the panels follow it at the
    // playing rate too, or the headline would say "no orders yet" at 12 s with orders in flight.
    if (!this.player.playing && this.player.jobKind !== 'runToEnd') return;
    // Panels re-render in their own task after this frame, so React work never stretches
    // the frame that moves the dots.
    // At least TICK_FRAMES frames apart too: on a slow machine frames stretch and a tick every
    // TICK_MS would land in more frames than the budget allows.
    this.framesSinceTick++;
    const heavy = this.player.playing && performance.now() - this.frameStart > HEAVY_FRAME_MS;
    if (this.tickDue(this.framesSinceTick) && (!heavy || performance.now() - this.lastTick > MAX_TICK_GAP_MS) && !this.tickQueued) {
      this.tickQueued = true;
      this.lastTick = performance.now();
      setTimeout(() => {
        this.tickQueued = false;
        this.emitTick();
      }, 0);
    }
  }

  private emitTick(): void {
    this.framesSinceTick = 0;
    this.afterTick = this.player.playing;
    this.emitFrame(true);
    this.version++;
    const t0 = performance.now();
    for (const fn of this.tickSubs) fn();
    const cost = performance.now() - t0;
    this.lastTick = performance.now();
    // A tick re-renders the panels (and computes the report). When that is expensive, tick less
    // often while playing, so slow frames stay rare.
    this.tickEvery = Math.min(1000, Math.max(TICK_MS, cost * TICK_FRAMES));
  }

  // ——— loading and controls ———

  /** Starts over on a new setup: new generation, fresh run at 0, the end estimated again. */
  private restart(s: Scenario): void {
    this.scenarioValue = cloneScenario(s);
    useUi.setState({ horizon: estimateEnd(s), horizonKnown: false });
    this.cache.reset(this.scenarioValue);
    this.player.replace(this.cache.fresh());
  }

  /** Replaces the scenario and rewinds to the start. Selection is cleared. */
  load(input: Scenario, opts: { locked?: string[] } = {}): void {
    const s = parseScenario(input);
    this.player.pause();
    this.restart(s);
    useUi.setState({
      playing: false,
      playhead: 0,
      locked: opts.locked ?? [],
      selectedOrder: null,
      selectedMessage: null,
      inspect: null,
      openEntity: null,
      roundOpen: false,
      notice: null,
    });
    this.emitTick();
  }

  /**
   * Changes a fault or remedy (see `planEdit` for what that means at each point of a run).
   * Validates synchronously, so callers get a ScenarioError at the call site.
   */
  setControl(path: string, value: number | boolean | string): Promise<void> {
    const v = validateChange(path, value);
    const p = this.settling.then(() => this.applyControl(path, v));
    this.settling = p.catch(() => undefined);
    return p;
  }

  /** Control changes apply one after another; seeks and runs wait for them. */
  private settling: Promise<unknown> = Promise.resolve();

  private async applyControl(path: string, v: number | boolean | string): Promise<void> {
    // A run to the end that the change interrupts carries on afterwards, with the new setting.
    const resume = this.player.jobKind === 'runToEnd';
    this.player.cancel();
    const run = this.player.run;
    const plan = planEdit(this.scenarioValue, run.sim.now, run.sim.done, path, v);
    if (plan.kind === 'newSetup') {
      this.restart(plan.scenario);
      if (plan.notice) useUi.setState({ notice: plan.notice });
      this.emitTick();
      if (plan.rerun) await this.player.runToEnd();
      return;
    }
    if (plan.dropped) {
      const t = run.sim.now;
      this.scenarioValue = cloneScenario(plan.dropped);
      this.cache.reset(this.scenarioValue, { measure: false });
      if (plan.notice) useUi.setState({ notice: plan.notice });
      const ok = await this.player.rewind(t);
      if (!ok) return;
    }
    const live = this.player.run;
    live.sim.setControl(path, v);
    this.scenarioValue = cloneScenario(live.sim.scenario);
    this.cache.reset(this.scenarioValue);
    live.gen = this.cache.gen;
    this.emitTick();
    if (resume) await this.player.runToEnd();
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
    const wasDone = this.done && this.now > 0;
    this.restart(next);
    useUi.setState({ playhead: 0 });
    this.emitTick();
    if (wasDone) await this.player.runToEnd();
  }

  // ——— playback ———

  /** Starts or stops playing. Playing from the end restarts from the beginning. */
  togglePlay(): void {
    flushPendingEdits();
    if (this.player.playing || (this.player.busy && useUi.getState().playing)) {
      this.player.pause();
      this.emitTick();
      return;
    }
    if (this.done) {
      void this.seek(0).then(() => this.player.play());
      return;
    }
    this.player.play();
  }

  /** Processes the next scheduled event and pauses. */
  stepForward(): void {
    flushPendingEdits();
    this.player.step();
  }

  /** Goes back to the time of the previous event. */
  async stepBack(): Promise<void> {
    flushPendingEdits();
    this.player.pause();
    // The player prepares a run at this very time in idle time, so the step back lands at once.
    await this.seek(this.player.backTarget());
  }

  /** Runs to the end in slices. Resolves when done (or when superseded or cancelled). */
  async runToEnd(): Promise<void> {
    flushPendingEdits();
    await this.settling;
    await this.player.runToEnd();
  }

  /** Moves the playhead to `t`: forward by running on, backward by a deterministic re-run. */
  async seek(t: number): Promise<void> {
    flushPendingEdits();
    await this.settling;
    await this.player.seek(t);
  }

  // ——— per-message what-ifs (used by panels/WhatIfActions.tsx) ———

  /** Every message a what-if can be made to at the playhead; none while playing or busy. */
  whatIfTargets(): WhatIfOption[] {
    if (this.player.playing || this.player.busy) return [];
    return this.player.run.sim.whatIfTargets();
  }

  /**
   * Makes a per-message what-if at the playhead, recorded in the scenario's changes at this exact
   * position (so links, rewinds and `npm run sim` replay it). Rejects with the engine's
   * `WhatIfError` when it is not possible here; nothing is recorded then.
   */
  whatIf(w: WhatIf): Promise<void> {
    flushPendingEdits();
    const p = this.settling.then(() => {
      this.player.pause();
      this.player.cancel();
      const live = this.player.run;
      const before = this.scenarioValue.changes.length;
      live.sim.whatIf(w);
      this.scenarioValue = cloneScenario(live.sim.scenario);
      // The engine drops changes recorded for later positions: the run leaves the recording here.
      if (this.scenarioValue.changes.length <= before) useUi.setState({ notice: 'Changes recorded later in the run were dropped: the run continues from this what-if.' });
      this.cache.reset(this.scenarioValue);
      live.gen = this.cache.gen;
      this.emitTick();
    });
    this.settling = p.catch(() => undefined);
    return p;
  }

  /**
   * Takes back recorded change `index` and every change after it, and goes back to the exact
   * point where it was made (the same time and event count), paused.
   */
  takeBackChange(index: number): Promise<void> {
    flushPendingEdits();
    const p = this.settling.then(async () => {
      const c = this.scenarioValue.changes[index];
      if (!c) return;
      this.player.pause();
      this.player.cancel();
      this.scenarioValue = cloneScenario({ ...this.scenarioValue, changes: this.scenarioValue.changes.slice(0, index) });
      this.cache.reset(this.scenarioValue);
      // Everything before the change's instant, then single events up to its position.
      const ok = await this.player.rewind(c.atMs > 0 ? c.atMs * (1 - Number.EPSILON) : 0);
      if (!ok) return;
      const sim = this.player.run.sim;
      while (c.atEvent !== undefined && sim.eventsProcessed < c.atEvent && !sim.done && sim.step()) {}
      this.emitTick();
    });
    this.settling = p.catch(() => undefined);
    return p;
  }

  /** Cancels a running seek or run-to-end; the live run stays where it got to. */
  cancel(): void {
    this.player.cancel();
    this.emitTick();
  }
}

/** The controller every component and the playground API share. */
export const engine = new EngineController();
