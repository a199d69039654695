/**
 * Applies control settings (a reference solution or a learner's remedy picks) to a scenario
 * before a run, so headless checks and the "Show solution" button start from the same thing.
 */
import { withControl } from '../sim/scenario';
import type { Scenario } from '../sim/types';
import type { ControlSetting } from './types';

/** Returns a copy of `s` with each setting applied in order. */
export function applySettings(s: Scenario, settings: readonly ControlSetting[]): Scenario {
  let out = s;
  for (const c of settings) out = withControl(out, c.path, c.value);
  return out;
}

/**
 * True when two scenarios share the setup a lesson is about (seed, workload, stock, limits),
 * whatever their faults and remedies. A goal only counts on the lesson's own setup; otherwise
 * a learner could re-roll the seed until the symptom happens not to appear.
 */
export function sameSetup(a: Scenario, b: Scenario): boolean {
  return (
    a.seed === b.seed &&
    a.inventory.stock === b.inventory.stock &&
    a.durationMs === b.durationMs &&
    a.stuckAfterMs === b.stuckAfterMs &&
    JSON.stringify(a.workload) === JSON.stringify(b.workload)
  );
}
