/**
 * Random search: numbered runs of one scenario, each with its own seed (so its own timing and
 * fault decisions, drawn at the scenario's fault rates, under its remedies), judged by the
 * checker. Runs are numbered so the work splits across workers by ranges and any worker finds
 * the same failure for the same run number.
 */
import type { Violation } from '../sim/checker';
import type { Scenario } from '../sim/types';
import { type FailureRule, judge } from './judge';
import { seedFor } from './seeds';

/** A run that broke a rule. */
export interface Counterexample {
  /** Its number in the search (random search), or -1 (exhaustive). */
  run: number;
  /** The scenario of that run (its seed set; recorded choices for an exhaustive one). */
  scenario: Scenario;
  /** The first broken rule: the one a shrink keeps. */
  violation: Violation;
  violations: Violation[];
}

/** Progress of a search, as it goes. */
export interface SearchProgress {
  /** Runs (or schedules) done so far in this call. */
  runs: number;
  /** Of how many this call will do at most. */
  total: number;
}

/** Options for `randomSearch`. Plain data apart from the callbacks. */
export interface RandomSearchOptions {
  /** Base seed of the search (default: the scenario's). Run i uses `seedFor(seed, i)`. */
  seed?: number;
  /** First run number of this call (a worker's slice starts here; default 0). */
  from?: number;
  /** How many runs this call makes. */
  runs: number;
  rule?: FailureRule;
  /** Heard every `progressEvery` runs (default 10) and at the end. */
  onProgress?: (p: SearchProgress) => void;
  progressEvery?: number;
  /** Asked before every run; true stops the search (e.g. an Atomics flag a pool sets). */
  shouldStop?: () => boolean;
}

/** What a random search did. */
export interface RandomSearchResult {
  /** The failing run with the lowest number in the range, or null. */
  found: Counterexample | null;
  /** Runs made (up to and including the failing one). */
  runs: number;
  /** Runs excused as visible, not healed (they broke only rules the design shows as such). */
  excused: number;
  /** Runs cut by the event budget. */
  stoppedEarly: number;
  /** True when cancelled by `shouldStop` before the range was done. */
  cancelled: boolean;
}

/** Searches runs `from` … `from + runs - 1` for a broken rule and stops at the first. */
export function randomSearch(scenario: Scenario, opts: RandomSearchOptions): RandomSearchResult {
  const base = opts.seed ?? scenario.seed;
  const from = opts.from ?? 0;
  const every = Math.max(1, opts.progressEvery ?? 10);
  const out: RandomSearchResult = { found: null, runs: 0, excused: 0, stoppedEarly: 0, cancelled: false };
  // A recorded choice sequence would make every seed the same run: a search varies the seed alone.
  const { choices: _recorded, ...plain } = scenario;
  for (let i = from; i < from + opts.runs; i++) {
    if (opts.shouldStop?.()) {
      out.cancelled = true;
      break;
    }
    const s: Scenario = { ...plain, seed: seedFor(base, i) };
    const j = judge(s, opts.rule);
    out.runs++;
    if (j.stoppedEarly) out.stoppedEarly++;
    if (j.excused.length && !j.violations.length) out.excused++;
    if (j.violations.length) {
      out.found = { run: i, scenario: s, violation: j.violations[0], violations: j.violations };
      break;
    }
    if (out.runs % every === 0) opts.onProgress?.({ runs: out.runs, total: opts.runs });
  }
  opts.onProgress?.({ runs: out.runs, total: opts.runs });
  return out;
}
