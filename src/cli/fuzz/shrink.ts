/**
 * Greedy shrinking for the fuzzer: simpler versions of a failing scenario (src/search/simplify.ts)
 * that still show the same failure, until nothing simpler does.
 */
import { greedy, simplerScenarios } from '../../search/simplify';
import type { Scenario } from '../../sim/types';
import { checkRun } from './check';

export { simplerScenarios };

/** The smallest scenario found that still shows `failure`, and the runs it took. */
export function shrink(start: Scenario, failure: string, budget: number): { scenario: Scenario; runs: number } {
  const r = greedy(start, simplerScenarios, (s) => checkRun(s).signature.includes(failure), budget);
  return { scenario: r.value, runs: r.tries };
}
