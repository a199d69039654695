/**
 * Runs kept for time travel. Seeking back is a deterministic re-run, so the cache holds runs
 * parked part-way: checkpoints at a quarter, half and three quarters of a long run (built in
 * idle time after a background run has measured where the run ends) and the spare a cancelled
 * rewind left behind. A seek starts from the latest one at or before its target.
 *
 * Every run belongs to a generation: any change to the scenario bumps it, and runs of older
 * generations are never reused.
 */
import { Simulation } from '../../sim/engine';
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

/** Runs that take longer than this to replay in full get checkpoints; shorter ones re-run faster. */
const CHECKPOINT_WORTH_MS = 40;
const CHECKPOINTS = [0.25, 0.5, 0.75];

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
}

/** See the module comment. */
export class RunCache {
  private scenario: Scenario;
  private genValue = 0;
  private bgToken = 0;
  private spare: Run | null = null;
  private checkpoints: Run[] = [];
  private fullRunMs = 0;
  private endMs: number | null = null;
  private refillTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    scenario: Scenario,
    private readonly events: CacheEvents,
  ) {
    this.scenario = scenario;
  }

  /** The current generation. */
  get gen(): number {
    return this.genValue;
  }

  /** Checkpoints parked now, by time (for tests and diagnostics). */
  get parked(): number[] {
    return this.checkpoints.map((c) => c.sim.now);
  }

  /** A new run of the current scenario at time 0. */
  fresh(): Run {
    // Metrics on (≤ 20% engine cost, see bench/metrics.ts), and a test's event budget if set (runOptions.ts).
    return { sim: new Simulation(JSON.parse(JSON.stringify(this.scenario)) as Scenario, runOptions()), index: new TraceIndex(), gen: this.genValue, step: { step: 5 } };
  }

  /**
   * A new scenario (or the same one after a change recorded mid-run): bumps the generation,
   * forgets every parked run and, unless told not to, measures the new run in the background.
   */
  reset(scenario: Scenario, opts: { measure?: boolean } = {}): void {
    this.scenario = scenario;
    this.genValue++;
    this.spare = null;
    this.checkpoints = [];
    this.endMs = null;
    if (opts.measure !== false) void this.measure();
  }

  /** The latest usable run at or before `t`: the spare, a checkpoint (taken out), or a fresh one. */
  take(t: number): Run {
    if (this.spare && this.spare.gen === this.genValue && this.spare.sim.now <= t) {
      const run = this.spare;
      this.spare = null;
      return run;
    }
    let best = -1;
    this.checkpoints.forEach((c, i) => {
      if (c.gen === this.genValue && c.sim.now <= t && (best < 0 || c.sim.now > this.checkpoints[best].sim.now)) best = i;
    });
    if (best >= 0) {
      const [run] = this.checkpoints.splice(best, 1);
      this.scheduleRefill();
      return run;
    }
    return this.fresh();
  }

  /** Parks a run a cancelled rewind got part-way with; the next seek ahead of it reuses it. */
  park(run: Run): void {
    if (run.gen === this.genValue) this.spare = run;
  }

  /** Runs the scenario to its end in idle time to learn where it ends, then builds checkpoints. */
  private async measure(): Promise<void> {
    const token = ++this.bgToken;
    this.events.measuring();
    const probe = this.fresh();
    let busyMs = 0;
    while (!probe.sim.done) {
      const budget = await whenIdle();
      if (token !== this.bgToken) return;
      if (this.events.holdBackground?.()) continue;
      const t0 = performance.now();
      advanceFor(probe.sim, Number.POSITIVE_INFINITY, budget, probe.step);
      busyMs += performance.now() - t0;
      // A run this long is cut off by its event budget anyway; stop measuring rather than hog idle time.
      if (busyMs > 120_000) return;
    }
    if (token !== this.bgToken) return;
    this.fullRunMs = busyMs;
    this.endMs = Math.max(1, probe.sim.now);
    this.events.measured(this.endMs);
    if (busyMs >= CHECKPOINT_WORTH_MS) for (const f of CHECKPOINTS) await this.buildCheckpoint(this.endMs * f, token);
    if (token === this.bgToken) this.events.checkpointsDone();
  }

  private async buildCheckpoint(t: number, token: number): Promise<void> {
    const run = this.fresh();
    while (run.sim.now < t && !run.sim.done) {
      const budget = await whenIdle();
      if (token !== this.bgToken) return;
      if (this.events.holdBackground?.()) continue;
      advanceFor(run.sim, t, budget, run.step);
    }
    run.index.sync(run.sim.trace);
    if (token === this.bgToken) this.checkpoints.push(run);
  }

  /** A checkpoint taken out for a seek is rebuilt a little later, in idle time. */
  private scheduleRefill(): void {
    if (this.refillTimer || this.fullRunMs < CHECKPOINT_WORTH_MS || this.endMs === null) return;
    const end = this.endMs;
    this.refillTimer = setTimeout(() => {
      this.refillTimer = null;
      const have = this.checkpoints.map((c) => c.sim.now);
      const token = this.bgToken;
      void (async () => {
        for (const f of CHECKPOINTS) {
          const t = end * f;
          if (!have.some((h) => Math.abs(h - t) < 1)) await this.buildCheckpoint(t, token);
        }
      })();
    }, 800);
  }
}
