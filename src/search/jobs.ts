/**
 * Work for one worker, as plain data: a range of random runs or a slice of an exhaustive
 * exploration. Node's worker threads (`npm run search`) and the browser's Web Workers run the
 * same `runJob`, so a pool only hands jobs out and combines the results.
 */
import type { Faults, Scenario } from '../sim/types';
import { type ExploreResult, explore } from './exhaustive';
import type { FailureRule } from './judge';
import { type RandomSearchResult, randomSearch } from './random';

/** One piece of a search. */
export type SearchJob =
  | { kind: 'random'; scenario: Scenario; seed: number; from: number; runs: number; rule: FailureRule }
  | { kind: 'explore'; scenario: Scenario; maxFaults: number; faults?: (keyof Faults)[]; slice: { index: number; of: number }; rule: FailureRule; maxSchedules?: number };

/** What a job found. */
export type SearchJobResult = { kind: 'random'; job: SearchJob; result: RandomSearchResult } | { kind: 'explore'; job: SearchJob; result: ExploreResult };

/** Runs one job; `progress` hears the runs done so far in it. */
export function runJob(job: SearchJob, shouldStop?: () => boolean, progress?: (runs: number) => void): SearchJobResult {
  if (job.kind === 'random') {
    const result = randomSearch(job.scenario, { seed: job.seed, from: job.from, runs: job.runs, rule: job.rule, shouldStop, onProgress: (p) => progress?.(p.runs) });
    return { kind: 'random', job, result };
  }
  const result = explore(job.scenario, {
    maxFaults: job.maxFaults,
    faults: job.faults,
    slice: job.slice,
    rule: job.rule,
    maxSchedules: job.maxSchedules,
    shouldStop,
    onProgress: (p) => progress?.(p.runs),
  });
  return { kind: 'explore', job, result };
}

/** Splits runs `0 … runs-1` into jobs of `chunk` runs (small chunks keep cancel and the lowest-run rule cheap). */
export function randomJobs(scenario: Scenario, seed: number, runs: number, rule: FailureRule, chunk = 20): SearchJob[] {
  const out: SearchJob[] = [];
  for (let from = 0; from < runs; from += chunk) out.push({ kind: 'random', scenario, seed, from, runs: Math.min(chunk, runs - from), rule });
  return out;
}
