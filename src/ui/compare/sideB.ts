/**
 * Side B of a comparison: the same seed, workload, stock and hand-made what-ifs as the run on
 * screen (side A), with its own faults and remedies. A's mid-run control changes are A's own
 * settings, so B does not get them; what-ifs are the learner's actions on the run, so B does.
 */
import type { Faults, Remedies, Scenario } from '../../sim/types';

/** The faults and remedies side B runs with. */
export interface SideControls {
  faults: Faults;
  remedies: Remedies;
}

/** B's scenario for A's scenario and B's controls. */
export function sideBScenario(a: Scenario, b: SideControls): Scenario {
  return {
    ...a,
    faults: { ...b.faults },
    remedies: { ...b.remedies },
    changes: a.changes.filter((c) => c.whatIf !== undefined).map((c) => ({ ...c, whatIf: { ...c.whatIf! } })),
  };
}

/** The controls of a scenario's starting setup, copied. */
export function controlsOf(s: Scenario): SideControls {
  return { faults: { ...s.faults }, remedies: { ...s.remedies } };
}

/** The control paths on which two sides differ, e.g. ["remedies.outbox"]. */
export function differingControls(a: SideControls, b: SideControls): string[] {
  const out: string[] = [];
  for (const k of Object.keys(a.faults) as (keyof Faults)[]) if (a.faults[k] !== b.faults[k]) out.push(`faults.${k}`);
  for (const k of Object.keys(a.remedies) as (keyof Remedies)[]) if (a.remedies[k] !== b.remedies[k]) out.push(`remedies.${k}`);
  return out;
}
