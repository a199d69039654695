/**
 * Grading of "break this design": the learner's run counts when it still has the design's
 * remedies (no remedy switched, before or during the run) and the independent checker finds a
 * broken business rule in it, run to its end. Faults, the seed, the workload and hand-made
 * what-ifs are the learner's to choose. An order the design parks for manual review is visible,
 * not healed — an honest limit, not a break — so it is judged as the search judges it.
 */
import { judge } from '../search/judge';
import { VISIBLE_NOT_HEALED } from '../sim/catalog';
import type { Violation } from '../sim/checker';
import type { Remedies, Scenario } from '../sim/types';
import type { DesignChallenge } from './types';

/** The graded run. */
export type DesignVerdict =
  | { kind: 'broken'; violation: Violation; violations: Violation[] }
  | { kind: 'holds'; excused: number }
  | { kind: 'notTheDesign'; problem: string };

/** The scenario of a design's reference solution. */
export function solutionScenario(d: DesignChallenge): Scenario {
  return { ...d.scenario, seed: d.solution.seed, faults: { ...d.scenario.faults, ...d.solution.faults }, changes: [] };
}

/** The solution with the design's fix added: the run the fix should keep whole. */
export function fixedScenario(d: DesignChallenge): Scenario {
  const s = solutionScenario(d);
  return { ...s, remedies: { ...s.remedies, ...d.fix } };
}

/** Why `s` is not a run of the design (a remedy differs or was switched), or null when it is. */
export function designMismatch(d: DesignChallenge, s: Scenario): string | null {
  const want = d.scenario.remedies;
  const differ = (Object.keys(want) as (keyof Remedies)[]).filter((k) => want[k] !== s.remedies[k]);
  if (differ.length) return `the remedies differ from the design (${differ.join(', ')})`;
  const switched = s.changes.find((c) => c.path?.startsWith('remedies.'));
  if (switched?.path) return `a remedy was switched during the run (${switched.path})`;
  return null;
}

/** Runs `s` to its end and grades it against the design. */
export function gradeDesignRun(d: DesignChallenge, s: Scenario): DesignVerdict {
  const problem = designMismatch(d, s);
  if (problem) return { kind: 'notTheDesign', problem };
  const j = judge(s, { visible: [...VISIBLE_NOT_HEALED] });
  return j.violations.length ? { kind: 'broken', violation: j.violations[0], violations: j.violations } : { kind: 'holds', excused: j.excused.length };
}
