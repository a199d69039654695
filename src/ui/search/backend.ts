/**
 * The search work one worker does, over the engine and the independent checker: run a slice of
 * the search, shrink a failing run. The page never calls this directly (it would freeze); the
 * worker entry (search.worker.ts) and the unit tests do.
 */
import { checkInvariants, type Violation } from '../../sim/checker';
import { Simulation } from '../../sim/engine';
import type { Scenario } from '../../sim/types';
import { simplerScenarios } from '../../cli/fuzz/shrink';
import type { FoundRun, ShrunkRun } from './protocol';

/** The scenario run number `i` of a search tries: run 0 is the scenario as given. */
export function runScenarioAt(base: Scenario, i: number): Scenario {
  return { ...base, seed: (base.seed + i) >>> 0 };
}

/** Runs a scenario to its end and returns what the checker says is broken. */
export function violationsOf(s: Scenario): Violation[] {
  const sim = new Simulation(s);
  sim.runToEnd();
  return checkInvariants(sim);
}

/**
 * Runs `count` runs from run `from`; stops at the first one that breaks a rule. `tick` hears the
 * number of runs done so far (the worker throttles what it posts).
 */
export function searchSlice(base: Scenario, from: number, count: number, tick: (runs: number) => void): { runs: number; found: FoundRun | null } {
  for (let k = 0; k < count; k++) {
    const scenario = runScenarioAt(base, from + k);
    const v = violationsOf(scenario);
    tick(k + 1);
    if (v.length) return { runs: k + 1, found: { runIndex: from + k, scenario, violation: v[0] } };
  }
  return { runs: count, found: null };
}

/** Shrinks a failing run to a smaller one that breaks the same rule (greedy, bounded by `budget` runs). */
export function shrinkRun(found: FoundRun, budget = 300): ShrunkRun {
  let current = found.scenario;
  let violation = found.violation;
  let runs = 0;
  const rule = found.violation.invariant;
  for (let improved = true; improved && runs < budget; ) {
    improved = false;
    for (const c of simplerScenarios(current)) {
      if (runs >= budget) break;
      runs++;
      const hit = violationsOf(c).find((v) => v.invariant === rule);
      if (hit) {
        current = c;
        violation = hit;
        improved = true;
        break;
      }
    }
  }
  return { scenario: current, violation, runs, steps: describeShrink(found.scenario, current) };
}

/** What shrinking took away, as short lines. */
export function describeShrink(from: Scenario, to: Scenario): string[] {
  const out: string[] = [];
  if (from.workload.orders !== to.workload.orders) out.push(`orders ${from.workload.orders} → ${to.workload.orders}`);
  for (const k of Object.keys(from.faults) as (keyof Scenario['faults'])[]) {
    if (from.faults[k] !== to.faults[k]) out.push(`${k} ${from.faults[k]} → ${to.faults[k]}`);
  }
  if (from.inventory.stock !== to.inventory.stock) out.push(`stock ${from.inventory.stock} → ${to.inventory.stock}`);
  if (from.changes.length !== to.changes.length) out.push(`changes ${from.changes.length} → ${to.changes.length}`);
  return out;
}
