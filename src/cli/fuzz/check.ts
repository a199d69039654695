/**
 * One fuzz run: the engine to its end, the checker, the comparison with the report, and the
 * run's failure signature (what a shrink must keep showing).
 */
import { checkInvariants, compareWithReport, type Missed, type Unbacked, type Violation } from '../../sim/checker';
import { Simulation } from '../../sim/engine';
import type { Scenario } from '../../sim/types';
import { everyRemedyOn } from './generate';

/** What one run found. */
export interface RunOutcome {
  violations: Violation[];
  missed: Missed[];
  unbacked: Unbacked[];
  allRemedies: boolean;
  /** The run came to rest (rather than being cut by its duration). */
  quiescent: boolean;
  /**
   * Distinct failures: every disagreement with the report ("missed:<rule>", "unbacked:<kind>"),
   * and with every remedy on any broken rule at all ("violation:<rule>").
   */
  signature: string[];
}

/** Runs one scenario and judges it. */
export function checkRun(scenario: Scenario): RunOutcome {
  const sim = new Simulation(scenario);
  sim.runToEnd();
  const violations = checkInvariants(sim);
  const report = sim.report();
  const { missed, unbacked } = compareWithReport(violations, report);
  const allRemedies = everyRemedyOn(scenario);
  const sig = new Set<string>();
  for (const m of missed) sig.add(`missed:${m.invariant}`);
  for (const u of unbacked) sig.add(`unbacked:${u.kind}`);
  if (allRemedies) for (const v of violations) sig.add(`violation:${v.invariant}`);
  return { violations, missed, unbacked, allRemedies, quiescent: report.quiescent, signature: [...sig].sort() };
}
