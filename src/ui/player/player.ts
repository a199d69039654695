/**
 * The player: owns the live run and moves it through time — playing frame by frame, stepping,
 * seeking by restoring the cache's nearest checkpoint and replaying from it (or by running on
 * when that is closer), running to the end — with every long operation cut into slices and
 * reported to the playback machine, which holds the mode, the job's progress, and whether a job
 * is still the current one.
 */
import { type Actor, createActor } from 'xstate';
import { advanceFor, yieldToBrowser } from '../slicing';
import { type JobKind, playbackMachine } from './playbackMachine';
import type { Run, RunCache } from './runCache';
import { TraceIndex } from '../traceIndex';

/** What the player needs from its owner. */
export interface PlayerHost {
  /** The playhead moved (cheap listeners: the canvas, the scrubber). */
  frame(): void;
  /** Something discrete changed (panels re-render). */
  tick(): void;
  /** Virtual ms to advance per wall ms while playing. */
  rate(): number;
  /** The best guess of the run's end, for progress of a run to the end. */
  horizon(): number;
  /**
   * Wall ms the engine may take in the playing frame about to run: less when the frame also
   * carries the panels' work. It decides only how far the run gets this frame, never what happens.
   */
  frameBudget(): number;
}

const JOB_SLICE_MS = 10;
/**
 * A forward seek restores a checkpoint instead of running on when that skips at least this many
 * events: a restore costs about as much as replaying a few hundred (bench/engine.ts).
 */
const JUMP_AHEAD_EVENTS = 1_000;
/** Trace events behind the playhead where the cache keeps a checkpoint for steps back. */
const NEAR_EVENTS = 64;
/** The playhead this many trace events past that checkpoint has it renewed. */
const FAR_EVENTS = 400;

/** Where a seek's wall time went (see `seekLog`): filled only when a bench or test asks for it. */
export interface SeekPhases {
  /** Target virtual ms. */
  target: number;
  /** Events processed by the run the seek started from (checkpoint, run made ahead, or fresh). */
  fromEvents: number;
  /** Events processed at the target. */
  toEvents: number;
  /** Where the run came from. */
  source: 'ahead' | 'ready' | 'restore' | 'fresh';
  /** Wall ms of getting that run (a restore copies the checkpoint). */
  restoreMs: number;
  /** Wall ms spent replaying, and the slices it took (each followed by a yield to the browser). */
  replayMs: number;
  slices: number;
  /** Wall ms from the first replay slice to the last (replay plus the yields in between). */
  replayWallMs: number;
  /** Wall ms of adopting the run: cutting back or building the trace index. */
  adoptMs: number;
  /** Wall ms of the synchronous tick that follows (panels told to re-render). */
  tickMs: number;
}

/**
 * The list seeks append their phases to, when the page set `globalThis.__seekPhases` to an array
 * (bench/ui.ts does): a debug hook that costs one property read per seek otherwise.
 */
function seekLog(): SeekPhases[] | null {
  const log = (globalThis as { __seekPhases?: unknown }).__seekPhases;
  return Array.isArray(log) ? (log as SeekPhases[]) : null;
}

/** See the module comment. */
export class Player {
  /** The playback machine (see playbackMachine.ts); components read it with `useSelector`. */
  readonly actor: Actor<typeof playbackMachine>;
  private live: Run;
  /** The index the live run had before the last adopt (same generation), kept for a jump back there. */
  private spare: { gen: number; index: TraceIndex } | null = null;
  /** Trace events of the whole run of a generation, once the background run's index said so. */
  private runEvents: { gen: number; events: number } | null = null;
  private raf = 0;
  private lastTs = 0;

  constructor(
    private readonly cache: RunCache,
    private readonly host: PlayerHost,
  ) {
    this.live = cache.fresh();
    this.actor = createActor(playbackMachine).start();
    this.actor.subscribe((s) => {
      if (s.matches({ transport: 'playing' })) this.startLoop();
    });
  }

  /** The run at the playhead. */
  get run(): Run {
    return this.live;
  }

  /** Replaces the live run (a new scenario); any job in progress is cancelled first. */
  replace(run: Run): void {
    this.cancel();
    this.live = run;
  }

  /** True while playing. */
  get playing(): boolean {
    return this.actor.getSnapshot().matches({ transport: 'playing' });
  }

  /** True while a seek or a run to the end is in progress. */
  get busy(): boolean {
    return this.actor.getSnapshot().context.job !== null;
  }

  /** The kind of job in progress, if any. */
  get jobKind(): JobKind | null {
    return this.actor.getSnapshot().context.job?.kind ?? null;
  }

  play(): void {
    this.actor.send({ type: 'PLAY' });
  }

  pause(): void {
    this.actor.send({ type: 'PAUSE' });
  }

  /** Stops a seek or run to the end; the live run stays wherever the job had got it. */
  cancel(): void {
    this.actor.send({ type: 'CANCEL' });
  }

  /** Processes the next scheduled event and pauses. */
  step(): void {
    if (this.busy) return;
    this.pause();
    this.live.sim.step();
    this.host.tick();
    this.prepareBack();
  }

  /** Where a step back from the playhead goes: the time of the last event before now (0 if none). */
  backTarget(): number {
    return previousEventTime(this.live.sim.trace, this.live.sim.now);
  }

  /**
   * Has the run for the next step back made in idle time, so stepping back is as quick as forward;
   * right after the next paint instead when `soon` (a step back just landed: another may follow
   * before any idle time comes).
   */
  private prepareBack(soon = false): void {
    const { trace, now } = this.live.sim;
    if (now <= 0) return;
    const back = this.backTarget();
    // A checkpoint NEAR_EVENTS back serves a burst of steps back; it is renewed once the playhead
    // has moved FAR_EVENTS past it (stepping forward), not at every step.
    const at = (k: number) => Math.min(back, trace[Math.max(0, trace.length - k)]?.t ?? 0);
    this.cache.prepareAt(back, at(NEAR_EVENTS), at(FAR_EVENTS), soon);
  }

  private startLoop(): void {
    if (this.raf || typeof requestAnimationFrame !== 'function') return;
    this.lastTs = performance.now();
    this.raf = requestAnimationFrame(this.frame);
  }

  private frame = (ts: number): void => {
    this.raf = 0;
    if (!this.playing) return;
    const dt = Math.min(100, Math.max(0, ts - this.lastTs));
    this.lastTs = ts;
    const sim = this.live.sim;
    advanceFor(sim, sim.now + dt * this.host.rate(), this.host.frameBudget(), this.live.step);
    if (sim.done) {
      this.cache.dropIndex();
      this.actor.send({ type: 'END_REACHED' });
      this.host.tick();
      return;
    }
    this.host.frame();
    this.raf = requestAnimationFrame(this.frame);
  };

  private begin(kind: JobKind, label: string): number {
    this.cache.cancelAhead();
    const at = performance.now();
    if (kind === 'runToEnd') this.actor.send({ type: 'RUN_TO_END', label, at });
    else this.actor.send({ type: 'SEEK', kind, label, at });
    return this.actor.getSnapshot().context.lastJobId;
  }

  private current(id: number): boolean {
    return this.actor.getSnapshot().context.job?.id === id;
  }

  private finish(id: number): void {
    this.actor.send({ type: 'JOB_DONE', id });
  }

  /** Runs to the end in slices. Resolves when done, cancelled or superseded. */
  async runToEnd(): Promise<void> {
    const id = this.begin('runToEnd', 'Running to the end');
    const run = this.live;
    const from = run.sim.now;
    while (!advanceFor(run.sim, Number.POSITIVE_INFINITY, JOB_SLICE_MS, run.step)) {
      this.actor.send({ type: 'PROGRESS', id, progress: (run.sim.now - from) / Math.max(1, this.host.horizon() - from) });
      this.host.frame();
      await yieldToBrowser();
      if (!this.current(id)) return;
    }
    this.cache.dropIndex();
    this.finish(id);
    this.host.tick();
  }

  /**
   * Moves the playhead to `t`: from the nearest checkpoint at or before it when that is ahead of
   * the playhead (or `t` is behind it), else by running on. True when it got there.
   */
  async seek(t: number): Promise<boolean> {
    const target = Math.max(0, t);
    const cp = this.cache.nearest(target);
    if (target < this.live.sim.now || (cp && cp.events > this.live.sim.eventsProcessed + JUMP_AHEAD_EVENTS)) return this.rewind(target, target === this.backTarget());
    const id = this.begin('seek', 'Seeking');
    const run = this.live;
    const from = run.sim.now;
    while (!advanceFor(run.sim, target, JOB_SLICE_MS, run.step)) {
      this.actor.send({ type: 'PROGRESS', id, progress: (run.sim.now - from) / Math.max(1e-9, target - from) });
      this.host.frame();
      await yieldToBrowser();
      if (!this.current(id)) return false;
    }
    this.finish(id);
    this.host.tick();
    this.prepareBack();
    return true;
  }

  /**
   * Restores the cache's nearest checkpoint at or before `target`, replays to it and adopts the
   * run. `stepBack`: it goes to the previous event, so the run for the next one is made at once.
   */
  async rewind(target: number, stepBack = false): Promise<boolean> {
    // A run made ahead for exactly this time needs no job: nothing to wait for, show or cancel.
    const ready = this.busy || this.playing ? null : this.cache.takeAhead(target);
    if (ready) {
      this.cache.cancelAhead();
      this.adopt(ready);
      this.host.tick();
      this.prepareBack(stepBack);
      return true;
    }
    const id = this.begin('rewind', this.live.sim.now > target ? 'Rewinding' : 'Seeking');
    const log = seekLog();
    const t0 = performance.now();
    const ahead = this.cache.takeAhead(target);
    const run = ahead ?? this.cache.restore(target);
    const restored = performance.now();
    const from = run.sim.now;
    const fromEvents = run.sim.eventsProcessed;
    let replayMs = 0;
    let slices = 0;
    for (;;) {
      const s0 = performance.now();
      const there = advanceFor(run.sim, target, JOB_SLICE_MS, run.step);
      replayMs += performance.now() - s0;
      slices++;
      if (there) break;
      this.actor.send({ type: 'PROGRESS', id, progress: (run.sim.now - from) / Math.max(1e-9, target - from) });
      await yieldToBrowser();
      // Superseded or cancelled: the live run stays as it was; the checkpoint is still there.
      if (!this.current(id)) return false;
    }
    const replayed = performance.now();
    this.adopt(run);
    const adopted = performance.now();
    this.finish(id);
    this.host.tick();
    if (log) {
      const source = ahead ? 'ahead' : this.cache.lastRestore;
      const done = performance.now();
      log.push({ target, fromEvents, toEvents: run.sim.eventsProcessed, source, restoreMs: restored - t0, replayMs, slices, replayWallMs: replayed - restored, adoptMs: adopted - replayed, tickMs: done - adopted });
    }
    this.prepareBack(stepBack);
    return true;
  }

  /**
   * Makes `run` the live run. Runs of one generation share their trace's prefix, so the live
   * index is cut back to where the two agree and synced on, instead of indexing from the start.
   */
  private adopt(run: Run): void {
    const n = run.sim.trace.length;
    const old = this.live.index;
    if (this.live.gen === run.gen && old !== run.index) {
      // Of the live index and the one kept from before, reuse the one quicker to bring to the new
      // length (see indexCost); the other is kept for the next jump.
      // The background run's index over the whole run, if it has one: the first jump into a
      // long run then cuts it back rather than indexing every event up to the target.
      const measured = this.cache.takeIndex(run.gen);
      if (measured) this.runEvents = { gen: run.gen, events: measured.size };
      const other = (this.spare?.gen === run.gen && this.spare.index !== old ? this.spare.index : measured) ?? new TraceIndex();
      // The two indexes end up at n and at the other one's length. Cutting back the one far ahead
      // is cheapest now but leaves both behind, and the next jump forward then syncs far: so the
      // choice also weighs what the next seeks are expected to cost from where the two are left.
      const end = Math.max(this.runEvents?.gen === run.gen ? this.runEvents.events : 0, old.size, other.size, n);
      const score = (use: TraceIndex, keep: TraceIndex) => indexCost(use.size, n) + LOOKAHEAD * expectedSeekCost(n, keep.size, end);
      const use = score(other, old) < score(old, other) ? other : old;
      this.spare = { gen: run.gen, index: use === old ? other : old };
      use.truncate(Math.min(use.size, n));
      run.index = use;
    } else this.spare = null;
    run.index.sync(run.sim.trace);
    this.live = run;
  }
}

/**
 * Indexing an event costs about seven times what cutting one back does (TraceIndex at 3,000
 * orders in Node: 7.7 vs 0.95 µs an event).
 */
const SYNC_PER_CUT = 7;

/**
 * Weight of the expected next seek against this one when choosing which index to bring to the
 * target. Simulated on 300 random series of eight seeks (uniform targets, SYNC_PER_CUT 7), the
 * index work of a series was 26% less than choosing by this seek alone at 1, least around 2 (29%
 * less, its worst seek 35% less) and 22% less at 5.
 */
const LOOKAHEAD = 2;
/** Points at which the expected cost of the next seek is sampled. */
const LOOKAHEAD_POINTS = 32;

/** The work of bringing an index of `size` events to `n` events, in events cut back. */
function indexCost(size: number, n: number): number {
  return size >= n ? size - n : (n - size) * SYNC_PER_CUT;
}

/**
 * The mean work of the next seek with indexes kept at sizes `a` and `b`, the target anywhere in
 * a run of `end` events (whichever index is cheaper there is used).
 */
function expectedSeekCost(a: number, b: number, end: number): number {
  let sum = 0;
  for (let k = 0; k < LOOKAHEAD_POINTS; k++) {
    const x = ((k + 0.5) / LOOKAHEAD_POINTS) * end;
    sum += Math.min(indexCost(a, x), indexCost(b, x));
  }
  return sum / LOOKAHEAD_POINTS;
}

/** The time of the last trace event before `now`, or 0 when there is none. */
export function previousEventTime(trace: readonly { t: number }[], now: number): number {
  for (let i = trace.length - 1; i >= 0; i--) if (trace[i].t < now) return trace[i].t;
  return 0;
}
