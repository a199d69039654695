/**
 * The search work one worker does, through search-core's functions (src/search): a slice of a
 * random search, a slice of an exhaustive exploration, or the shrinking of a failing run. The
 * page never calls this directly (it would freeze); the worker entry and the tests do.
 */
import { type Counterexample, type ExploreResult, explore, type FailureRule, randomSearch, shrink } from '../../search';
import type { Scenario } from '../../sim/types';
import type { FoundRun, ShrunkRun } from './protocol';

function toFound(c: Counterexample & { inject?: number[] }): FoundRun {
  return { runIndex: c.run, scenario: c.scenario, violation: c.violation, violations: c.violations, ...(c.inject ? { inject: c.inject } : {}) };
}

/** Runs `count` runs from run `from`; stops at the first that breaks a rule. `tick` hears runs done so far. */
export function searchSlice(
  base: Scenario,
  from: number,
  count: number,
  rule: FailureRule,
  tick: (runs: number) => void,
): { runs: number; found: FoundRun | null; excused: number } {
  const r = randomSearch(base, { from, runs: count, rule, progressEvery: 1, onProgress: (p) => tick(p.runs) });
  return { runs: r.runs, found: r.found ? toFound(r.found) : null, excused: r.excused };
}

/** Explores this worker's share of every schedule of up to `maxFaults` fault decisions. */
export function exploreSlice(
  s: Scenario,
  maxFaults: number,
  slice: { index: number; of: number },
  rule: FailureRule,
  tick: (runs: number, total: number) => void,
): ExploreResult {
  return explore(s, { maxFaults, slice, rule, progressEvery: 1, onProgress: (p) => tick(p.runs, p.total) });
}

/** Shrinks a failing run to a minimal one that still breaks one of its rules. */
export function shrinkRun(found: FoundRun, rule: FailureRule): ShrunkRun {
  const m = shrink({ scenario: found.scenario, violation: found.violation, violations: found.violations }, { rule });
  return { scenario: m.scenario, violation: m.violation, runs: m.runs, faultDecisions: m.faultDecisions };
}

/** A found run as a shrink result, for when shrinking was cancelled: it still breaks the rule. */
export function unshrunk(found: FoundRun): ShrunkRun {
  return { scenario: found.scenario, violation: found.violation, runs: 0, faultDecisions: [] };
}
