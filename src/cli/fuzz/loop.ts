/**
 * The fuzzing loop: a bounded number of random scenarios from one seed, each run, checked and
 * compared with its report; counts per rule and per disagreement; every distinct failure shrunk.
 * Deterministic for a given seed (only the timing the caller measures varies).
 */
import { Rng } from '../../sim/prng';
import type { Scenario } from '../../sim/types';
import { checkRun, type RunOutcome } from './check';
import { compactScenario, randomScenario } from './generate';
import { shrink } from './shrink';

/** How to fuzz. */
export interface FuzzOptions {
  runs: number;
  seed: number;
  allRemedies: boolean;
  /** Runs a shrink may spend per failure (0 = do not shrink). */
  shrinkBudget: number;
}

/** Runs that showed something, and how many findings they showed in all. */
export interface Tally {
  runs: number;
  count: number;
}

/** One distinct failure, with the scenario it was first seen in and its shrunk form. */
export interface Failure {
  signature: string;
  runs: number;
  firstRun: number;
  shrinkRuns: number;
  /** The minimal scenario, as a file would hold it. */
  minimal: Record<string, unknown>;
  /** What the minimal scenario shows, in the checker's or the report's words. */
  example: string;
}

/** What a fuzz found. */
export interface FuzzSummary {
  seed: number;
  runs: number;
  quiescentRuns: number;
  violations: Record<string, Tally>;
  missed: Record<string, Tally>;
  unbacked: Record<string, Tally>;
  everyRemedyOn: { runs: number; violatingRuns: number; violations: Record<string, Tally> };
  failures: Failure[];
}

function tally(into: Record<string, Tally>, keys: string[]): void {
  const seen = new Set<string>();
  for (const k of keys) {
    const t = into[k] ?? { runs: 0, count: 0 };
    into[k] = t;
    t.count++;
    if (!seen.has(k)) t.runs++;
    seen.add(k);
  }
}

function describeFailure(signature: string, o: RunOutcome): string {
  const [what, name] = signature.split(':');
  if (what === 'missed') return o.missed.find((m) => m.invariant === name)?.sentence ?? '';
  if (what === 'unbacked') return o.unbacked.find((u) => u.kind === name)?.explanation ?? '';
  return o.violations.find((v) => v.invariant === name)?.sentence ?? '';
}

/** Fuzzes; `onProgress` hears after every run (for a progress line). */
export function fuzz(opts: FuzzOptions, onProgress?: (done: number) => void): FuzzSummary {
  const rng = new Rng(opts.seed);
  const summary: FuzzSummary = { seed: opts.seed, runs: 0, quiescentRuns: 0, violations: {}, missed: {}, unbacked: {}, everyRemedyOn: { runs: 0, violatingRuns: 0, violations: {} }, failures: [] };
  const first = new Map<string, { run: number; scenario: Scenario; runs: number }>();
  for (let i = 0; i < opts.runs; i++) {
    const scenario = { ...randomScenario(rng, { allRemedies: opts.allRemedies }), name: `fuzz seed ${opts.seed} run ${i + 1}` };
    const o = checkRun(scenario);
    summary.runs++;
    if (o.quiescent) summary.quiescentRuns++;
    tally(summary.violations, o.violations.map((v) => v.invariant));
    tally(summary.missed, o.missed.map((m) => m.invariant));
    tally(summary.unbacked, o.unbacked.map((u) => u.kind));
    if (o.allRemedies) {
      summary.everyRemedyOn.runs++;
      if (o.violations.length) summary.everyRemedyOn.violatingRuns++;
      tally(summary.everyRemedyOn.violations, o.violations.map((v) => v.invariant));
    }
    for (const sig of o.signature) {
      const f = first.get(sig);
      if (f) f.runs++;
      else first.set(sig, { run: i + 1, scenario, runs: 1 });
    }
    onProgress?.(i + 1);
  }
  for (const [signature, f] of [...first].sort(([a], [b]) => a.localeCompare(b))) {
    const shrunk = opts.shrinkBudget > 0 ? shrink(f.scenario, signature, opts.shrinkBudget) : { scenario: f.scenario, runs: 0 };
    const name = `fuzz: ${signature} (seed ${opts.seed}, run ${f.run}, shrunk)`;
    const minimal = compactScenario({ ...shrunk.scenario, name });
    summary.failures.push({ signature, runs: f.runs, firstRun: f.run, shrinkRuns: shrunk.runs, minimal, example: describeFailure(signature, checkRun(shrunk.scenario)) });
  }
  return summary;
}
