/**
 * Checkpoints of the current run, for time travel. A checkpoint is the engine's copy of the
 * whole simulation (`sim.checkpoint()`), restored as often as needed (`Simulation.fromCheckpoint`)
 * and never used up. A background run measures where the run ends and takes checkpoints as it
 * goes, in idle time; a seek restores the latest checkpoint at or before its target and replays
 * from there.
 *
 * Checkpoints are kept evenly spread over the run: a new one is only taken far enough from its
 * neighbours, and when there are more than the memory allowance lets us keep, the one whose
 * loss leaves the smallest gap goes. The allowance is counted in bytes, as the engine estimates
 * them per checkpoint (`Checkpoint.bytes`): a run's first checkpoint holds its whole state, later
 * ones share what did not change with the one before and hold only the rest, so even a long run
 * can keep many.
 *
 * Every checkpoint belongs to a generation: any change to the scenario bumps it and forgets
 * them (each holds the scenario it was taken under).
 */
import { type Checkpoint, Simulation } from '../../sim/engine';
import type { Scenario } from '../../sim/types';
import { runOptions } from '../runOptions';
import { advanceFor, whenIdle } from '../slicing';
import { TraceIndex } from '../traceIndex';

/** A simulation together with the index built over its trace. */
export interface Run {
  sim: Simulation;
  index: TraceIndex;
  /** Scenario generation this run was started from. */
  gen: number;
  /** Step size `advanceFor` learns for this run. */
  step: { step: number };
}

/** Estimated end of a run before a background run has measured it. */
export function estimateEnd(s: Scenario): number {
  const w = s.workload;
  return Math.min(s.durationMs, w.orders * w.intervalMs + 20 * (s.faults.latencyMs + s.faults.jitterMs) + 500);
}

/**
 * Fewest scheduler events between two checkpoints: replaying half this gap (a seek's average)
 * costs about one restore, so closer ones would not make seeks quicker.
 */
const MIN_GAP_EVENTS = 750;
/** Most checkpoints kept, however short the run. */
const MAX_CHECKPOINTS = 64;
/** Fewest checkpoints kept, however long the run. */
const MIN_CHECKPOINTS = 4;
/**
 * Heap the checkpoints held may take, by the engine's estimate: the allowance is this divided by
 * the average checkpoint taken in the generation (the first, holding the whole state, included).
 */
const BYTES_HELD = 150 * 2 ** 20;

/**
 * Trace events up to which the background run also indexes its trace, handed to the player for
 * its first jump (see `takeIndex`). Cutting an index back costs about a seventh of building it per
 * event, so at 20,000 orders (1.1-1.5M trace events) the first jump to 90% took 4 s building and
 * under half a second cutting back. An index takes ~190 bytes an event (~290 MB here); the
 * player drops this one once its own index covers the run (`dropIndex`), and runs longer than
 * this are not indexed ahead, as the heap they would take is more than the wait they save.
 */
const INDEX_EVENTS = 1_600_000;

/** Wall ms per slice of a run made ahead right after a paint (see `prepareAt`'s `soon`). */
const SOON_SLICE_MS = 8;

/**
 * Resolves in a task after the next paint (or soon, where nothing is painted): work done then
 * neither delays the frame that shows the last step nor waits for idle time that quick steps
 * back never leave.
 */
function afterPaint(): Promise<number> {
  return new Promise((resolve) => {
    const later = () => setTimeout(() => resolve(SOON_SLICE_MS), 0);
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(later);
    else later();
  });
}

/** Resolves in the next task: the rest of such work goes on at once, not a frame later, when the next click may already have come. */
function nextTask(): Promise<number> {
  return new Promise((resolve) => setTimeout(() => resolve(SOON_SLICE_MS), 0));
}

/** What the cache tells its owner about its background work. */
export interface CacheEvents {
  /** The background run has started measuring the run's end. */
  measuring(): void;
  /** The run's end is known. */
  measured(endMs: number): void;
  /** Checkpoints are built (or none were worth building). */
  checkpointsDone(): void;
  /**
   * True while background work should wait (the learner is playing: idle callbacks then land
   * inside animation frames and would make them miss their budget).
   */
  holdBackground?(): boolean;
  /**
   * True while the player runs a seek or a run to the end: idle work then waits, since idle
   * callbacks land between the job's slices and a restore made ahead there would double the job's
   * wait (a restore at 20,000 orders takes hundreds of ms).
   */
  jobRunning?(): boolean;
}

/** See the module comment. */
export class RunCache {
  private scenario: Scenario;
  private genValue = 0;
  private bgToken = 0;
  /** Checkpoints of the current generation, by events processed. */
  private cps: Checkpoint[] = [];
  /** Events of the longest run seen in this generation: the run's length once measured. */
  private longest = 0;
  /** Checkpoints taken in this generation by `note`, and the bytes they took (`Checkpoint.bytes`). */
  private taken = { count: 0, bytes: 0 };
  /** A restored copy of the checkpoint used last, made ahead in idle time (see `prepare`). */
  private ready: { cp: Checkpoint; sim: Simulation } | null = null;
  /** A run already replayed to `atMs`, made ahead in idle time for the next step back (see `prepareAt`). */
  private ahead: { atMs: number; run: Run } | null = null;
  /**
   * A checkpoint a few dozen events behind the playhead (see `prepareAt`): steps back in quick
   * succession, before idle time has made the next run ahead, restore it and replay only those.
   */
  private near: Checkpoint | null = null;
  private aheadToken = 0;
  /** The background run's index over the whole run (see `INDEX_EVENTS`), until taken or dropped. */
  private measuredIndex: { gen: number; index: TraceIndex } | null = null;

  constructor(
    scenario: Scenario,
    private readonly events: CacheEvents,
  ) {
    this.scenario = scenario;
  }

  /** How `restore` found its last run: the copy made ahead, a restore, or a fresh run (diagnostics). */
  lastRestore: 'ready' | 'restore' | 'fresh' = 'fresh';

  /** The current generation. */
  get gen(): number {
    return this.genValue;
  }

  /** Times of the checkpoints held now (for tests and diagnostics). */
  get parked(): number[] {
    return this.cps.map((c) => c.atMs);
  }

  /** The time of the run made ahead for the next step back, once it is ready (tests, diagnostics). */
  get aheadAt(): number | null {
    return this.ahead?.atMs ?? null;
  }

  /** A new run of the current scenario at time 0. */
  fresh(): Run {
    // Metrics on (≤ 20% engine cost, see bench/metrics.ts), and a test's event budget if set (runOptions.ts).
    return { sim: new Simulation(JSON.parse(JSON.stringify(this.scenario)) as Scenario, runOptions()), index: new TraceIndex(), gen: this.genValue, step: { step: 5 } };
  }

  /**
   * A new scenario (or the same one after a change recorded mid-run): bumps the generation,
   * forgets every checkpoint and, unless told not to, measures the new run in the background.
   */
  reset(scenario: Scenario, opts: { measure?: boolean } = {}): void {
    this.scenario = scenario;
    this.genValue++;
    this.bgToken++;
    this.cps = [];
    this.longest = 0;
    this.taken = { count: 0, bytes: 0 };
    this.ready = null;
    this.ahead = null;
    this.near = null;
    this.measuredIndex = null;
    if (opts.measure !== false) void this.measure();
  }

  /** The latest checkpoint at or before time `t`, or null if there is none. */
  nearest(t: number): Checkpoint | null {
    let best: Checkpoint | null = null;
    for (const c of this.cps) {
      if (c.atMs > t) break;
      best = c;
    }
    const near = this.near;
    if (near && near.atMs <= t && (!best || near.events > best.events)) best = near;
    return best;
  }

  /**
   * A run at the latest checkpoint at or before `t` (a fresh run when there is none). Its index
   * is empty: the player fills it when it adopts the run (see `Player.adopt`), usually by cutting
   * back the index it already has.
   */
  restore(t: number): Run {
    const cp = this.nearest(t);
    this.lastRestore = cp ? (this.ready?.cp === cp ? 'ready' : 'restore') : 'fresh';
    if (!cp) return this.fresh();
    return { sim: this.restoreCopy(cp), index: new TraceIndex(), gen: this.genValue, step: { step: 5 } };
  }

  /** A fresh copy of `cp`: the one made ahead if it is there (then another is made in idle time). */
  private restoreCopy(cp: Checkpoint): Simulation {
    let sim: Simulation;
    if (this.ready?.cp === cp) {
      sim = this.ready.sim;
      this.ready = null;
    } else sim = Simulation.fromCheckpoint(cp);
    this.prepare(cp);
    return sim;
  }

  /**
   * The run made ahead for time `t` (see `prepareAt`), if there is one for exactly that time in
   * this generation; it is handed over once.
   */
  takeAhead(t: number): Run | null {
    const a = this.ahead;
    if (!a || a.atMs !== t || a.run.gen !== this.genValue) return null;
    this.ahead = null;
    return a.run;
  }

  /**
   * The background run's index over the whole run of generation `gen`, if it made one; handed over
   * once. The first jump into a run then cuts it back instead of indexing every event up to there.
   */
  takeIndex(gen: number): TraceIndex | null {
    const m = this.measuredIndex;
    if (!m || m.gen !== gen || gen !== this.genValue) return null;
    this.measuredIndex = null;
    return m.index;
  }

  /** Forgets the background run's index: the live run has reached the end, so its own index covers as much. */
  dropIndex(): void {
    this.measuredIndex = null;
  }

  /** Stops preparing a run ahead (a seek or run is starting: idle work would only slow it down). */
  cancelAhead(): void {
    this.aheadToken++;
  }

  /**
   * In idle time, restores the nearest checkpoint at or before `t` and replays it to `t`, in
   * slices, and keeps that run for `takeAhead(t)`: the player asks for it at the time of the event
   * before the playhead, so a step back costs no more than a step forward. On the way it keeps a
   * checkpoint at `nearMs` (a few dozen events back) unless the one it has lies in [`farMs`, t].
   * A newer request supersedes an older one; a new generation drops both. `soon`: steps back are
   * coming in quick succession, so make it right after the next paint instead of in idle time.
   */
  prepareAt(t: number, nearMs = t, farMs = nearMs, soon = false): void {
    if (this.ahead?.atMs === t && this.ahead.run.gen === this.genValue) return;
    const token = ++this.aheadToken;
    const bg = this.bgToken;
    this.ahead = null;
    const more = soon ? nextTask : whenIdle;
    void (async () => {
      const budget = await (soon ? afterPaint() : whenIdle());
      // Playing moves the playhead on anyway, and idle work would land inside its frames.
      const stale = () => token !== this.aheadToken || bg !== this.bgToken || this.events.holdBackground?.() === true;
      if (stale()) return;
      const gen = this.genValue;
      const keepNear = !this.near || this.near.atMs > t || this.near.atMs < farMs;
      const cp = this.nearest(keepNear ? nearMs : t);
      const run: Run = cp ? { sim: this.restoreCopy(cp), index: new TraceIndex(), gen, step: { step: 5 } } : this.fresh();
      let slice = budget;
      const reach = async (to: number): Promise<boolean> => {
        while (!advanceFor(run.sim, to, slice, run.step)) {
          slice = await more();
          if (stale()) return false;
        }
        return true;
      };
      if (keepNear) {
        if (!(await reach(nearMs))) return;
        this.near = run.sim.checkpoint();
      }
      if (!(await reach(t))) return;
      this.ahead = { atMs: t, run };
    })();
  }

  /**
   * Restores `cp` once more in idle time and keeps the copy ready: the next seek near the same
   * spot (stepping back again and again, scrubbing to and fro) then skips the copy, the largest
   * part of a seek. One copy is kept, for the checkpoint used last.
   */
  private prepare(cp: Checkpoint): void {
    const token = this.bgToken;
    void (async () => {
      do await whenIdle();
      while (this.events.jobRunning?.() === true && token === this.bgToken);
      if (token !== this.bgToken || this.ready?.cp === cp || (!this.cps.includes(cp) && cp !== this.near)) return;
      this.ready = { cp, sim: Simulation.fromCheckpoint(cp) };
    })();
  }

  /** How many checkpoints the bytes taken so far allow (as many as may be kept before the first). */
  private allowance(): number {
    const { count, bytes } = this.taken;
    if (count === 0) return MAX_CHECKPOINTS;
    return Math.max(MIN_CHECKPOINTS, Math.min(MAX_CHECKPOINTS, Math.floor((BYTES_HELD * count) / Math.max(1, bytes))));
  }

  /** Takes a checkpoint of `run` if it is far enough from the ones held; drops one if too many. */
  note(run: Run): void {
    if (run.gen !== this.genValue) return;
    const ev = run.sim.eventsProcessed;
    this.longest = Math.max(this.longest, ev);
    let i = 0;
    while (i < this.cps.length && this.cps[i].events <= ev) i++;
    const prev = i > 0 ? this.cps[i - 1].events : 0;
    const next = i < this.cps.length ? this.cps[i].events : Number.POSITIVE_INFINITY;
    const gap = Math.max(MIN_GAP_EVENTS, this.expectedEvents(run) / this.allowance());
    if (ev - prev < gap || next - ev < gap) return;
    const cp = run.sim.checkpoint();
    this.taken.count++;
    this.taken.bytes += cp.bytes;
    this.cps.splice(i, 0, cp);
    while (this.cps.length > this.allowance()) this.dropOne();
  }

  /**
   * The run's length in events as far as it can be told: the longest seen, or, while the first
   * run is still short of its estimated end, its events so far scaled up to that end. Spacing by
   * the length seen alone would take checkpoints densely early on and drop most of them later,
   * copying about three times as many as it keeps.
   */
  private expectedEvents(run: Run): number {
    const { now, eventsProcessed } = run.sim;
    if (now <= 0) return this.longest;
    return Math.max(this.longest, Math.floor((eventsProcessed * Math.min(estimateEnd(this.scenario), this.scenario.durationMs)) / now));
  }

  /** Drops the checkpoint whose neighbours are closest together (never the last: it holds the furthest point). */
  private dropOne(): void {
    let worst = 0;
    let worstSpan = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.cps.length - 1; i++) {
      const span = this.cps[i + 1].events - (i > 0 ? this.cps[i - 1].events : 0);
      if (span < worstSpan) {
        worstSpan = span;
        worst = i;
      }
    }
    const [dropped] = this.cps.splice(worst, 1);
    if (this.ready?.cp === dropped) this.ready = null;
  }

  /** Runs the scenario to its end in idle time, taking checkpoints on the way, to learn where it ends. */
  private async measure(): Promise<void> {
    const token = this.bgToken;
    this.events.measuring();
    const probe = this.fresh();
    let indexing = true;
    let busyMs = 0;
    while (!probe.sim.done) {
      const budget = await whenIdle();
      if (token !== this.bgToken) return;
      if (this.events.jobRunning?.() || this.events.holdBackground?.()) continue;
      const t0 = performance.now();
      advanceFor(probe.sim, Number.POSITIVE_INFINITY, budget, probe.step);
      if (indexing && probe.sim.trace.length > INDEX_EVENTS) {
        indexing = false;
        probe.index = new TraceIndex();
      } else if (indexing) probe.index.sync(probe.sim.trace);
      this.note(probe);
      busyMs += performance.now() - t0;
      // A run this long is cut off by its event budget anyway; stop measuring rather than hog idle time.
      if (busyMs > 120_000) return;
    }
    if (token !== this.bgToken) return;
    if (indexing) this.measuredIndex = { gen: probe.gen, index: probe.index };
    this.events.measured(Math.max(1, probe.sim.now));
    this.events.checkpointsDone();
  }
}
