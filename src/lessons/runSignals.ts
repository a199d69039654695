/**
 * Runs a scenario headless with the metrics recorder on, the way the playground does, so goals on
 * signals (`metrics.max.*`, `alerts.*`) and questions graded against the engine can be checked in
 * tests and in the grader without a browser. The recorder never changes the trace, so the report
 * is the same as `runScenario`'s.
 */
import { Simulation } from '../sim/engine';
import type { Report, Scenario, TraceEvent } from '../sim/types';
import type { SignalSnapshot } from './facts';

/** One finished run: its report, what the recorder saw, and the trace (for reading the log). */
export interface SignalRun {
  report: Report;
  signals: SignalSnapshot;
  trace: readonly TraceEvent[];
}

/** The recorder's state of `sim` at its current time, as goal facts read it. */
export function snapshotOf(sim: Simulation): SignalSnapshot | null {
  const rec = sim.recorder;
  if (!rec) return null;
  return { series: rec.series, now: rec.currentRow(sim.now), alerts: rec.alerts, rules: rec.rules };
}

/** Runs `scenario` to its end with metrics and alerts recorded. */
export function runWithSignals(scenario: Scenario): SignalRun {
  const sim = new Simulation(scenario, { metrics: true });
  sim.runToEnd();
  return { report: sim.report(), signals: snapshotOf(sim)!, trace: sim.trace };
}
