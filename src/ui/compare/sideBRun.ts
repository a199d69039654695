/**
 * The two runs of a comparison, outside React. Side B follows the one playhead: it is run
 * forward to A's time, and re-run from the start when the playhead moves back or B's scenario
 * changes. The outcomes compared are those at the end of both runs, computed once per pair of
 * scenarios in slices (so a long run never blocks the page) and kept with their traces, which
 * the "where do they part" search reads.
 */
import type { EngineView } from '../../sim/api';
import { Simulation } from '../../sim/engine';
import type { Report, Scenario, TraceEvent } from '../../sim/types';
import { type Difference, differences, type Outcome, orderRequests, outcomeOf, requestsOfTrace } from './diff';
import { ANOMALIES } from '../../sim/catalog';
import { stateLabel } from '../outcomes';

/** Side B at the playhead, or on its way there. */
export interface SideBAt {
  sim: Simulation;
  view: EngineView;
  report: Report;
  /** False while B is still being re-run towards the playhead (in slices, so the page stays responsive). */
  caughtUp: boolean;
}

/** One finished run, kept for the comparison. */
export interface FinishedRun {
  trace: readonly TraceEvent[];
  /** Which customer request each trace event concerns. */
  requestOf: (string | null)[];
  outcome: Outcome;
  report: Report;
}

/** Both runs to their end and what differs. */
export interface EndComparison {
  key: string;
  a: FinishedRun;
  b: FinishedRun;
  diffs: Difference[];
}

/** Most wall time one slice of the end-of-run computation may take before yielding. */
const SLICE_MS = 12;

async function finish(s: Scenario, stillWanted: () => boolean): Promise<FinishedRun | null> {
  const sim = new Simulation(s);
  while (!sim.done) {
    const t0 = performance.now();
    while (!sim.done && performance.now() - t0 < SLICE_MS) for (let i = 0; i < 200 && sim.step(); i++) {}
    if (!sim.done) {
      await new Promise((r) => setTimeout(r, 0));
      if (!stillWanted()) return null;
    }
  }
  const report = sim.report();
  return { trace: sim.trace, requestOf: requestsOfTrace(sim.trace, orderRequests(report)), outcome: outcomeOf(report, sim.view()), report };
}

/** See the module comment. One instance: `sides`. */
export class CompareRuns {
  private b: { key: string; sim: Simulation } | null = null;
  private end: EndComparison | null = null;
  private pending: { key: string; done: Promise<EndComparison | null> } | null = null;

  private readonly subs = new Set<() => void>();
  private nudge: ReturnType<typeof setTimeout> | null = null;

  /** Called when B has moved on towards the playhead and should be drawn again. */
  subscribe(fn: () => void): () => void {
    this.subs.add(fn);
    return () => this.subs.delete(fn);
  }

  /**
   * Side B at time `t` (the playhead), reusing the run when it can go forward and re-running it
   * from the start when the playhead went back. At most one slice of work per call: if B has not
   * reached `t` yet, subscribers are told to ask again, so a long re-run never blocks the page.
   */
  at(s: Scenario, t: number): SideBAt {
    const key = JSON.stringify(s);
    if (!this.b || this.b.key !== key || this.b.sim.now > t) this.b = { key, sim: new Simulation(s) };
    const sim = this.b.sim;
    const t0 = performance.now();
    // Small steps of virtual time, so the wall-clock budget is checked often.
    do sim.runUntil(Math.min(t, sim.now + 10));
    while (sim.now < t && !sim.done && performance.now() - t0 < SLICE_MS);
    const caughtUp = sim.now >= t || sim.done;
    if (!caughtUp && !this.nudge) {
      this.nudge = setTimeout(() => {
        this.nudge = null;
        for (const fn of this.subs) fn();
      }, 0);
    }
    return { sim, view: sim.view(), report: sim.report(), caughtUp };
  }

  /** The end-of-run comparison if it is ready for these scenarios, else null (see `compute`). */
  ready(a: Scenario, b: Scenario): EndComparison | null {
    const key = JSON.stringify([a, b]);
    return this.end?.key === key ? this.end : null;
  }

  /** Runs both scenarios to the end in slices; resolves with the comparison (null if superseded). */
  compute(a: Scenario, b: Scenario): Promise<EndComparison | null> {
    const key = JSON.stringify([a, b]);
    if (this.end?.key === key) return Promise.resolve(this.end);
    // Asked again for the same pair (a re-render, a remount): share the work under way.
    if (this.pending?.key === key) return this.pending.done;
    const wanted = () => this.pending?.key === key;
    const done = (async () => {
      const ra = await finish(a, wanted);
      const rb = ra && (await finish(b, wanted));
      if (!ra || !rb || !wanted()) return null;
      this.pending = null;
      this.end = { key, a: ra, b: rb, diffs: differences(ra.outcome, rb.outcome, stateLabel, (k) => ANOMALIES[k]?.title.toLowerCase() ?? k) };
      return this.end;
    })();
    this.pending = { key, done };
    return done;
  }
}

/** The comparison's runs. */
export const sides = new CompareRuns();
