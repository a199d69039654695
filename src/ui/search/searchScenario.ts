/**
 * The scenario a search starts from: the playground's setup with its faults and remedies as they
 * stand after every recorded control change, and no changes of its own. Hand-made what-ifs name
 * messages of one particular run, so they mean nothing under another seed and are left out.
 */
import { withControl } from '../../sim/scenario';
import type { Scenario } from '../../sim/types';

/** See the module comment. */
export function searchBase(s: Scenario): Scenario {
  let out: Scenario = { ...s, changes: [] };
  for (const c of s.changes) if ('path' in c && c.path) out = withControl(out, c.path, c.value);
  return { ...out, changes: [] };
}

/** How many hand-made what-ifs the search leaves out (the panel says so). */
export function whatIfsLeftOut(s: Scenario): number {
  return s.changes.filter((c) => 'whatIf' in c).length;
}

/** The scenario "Prove it" explores: the search base with the workload cut to `orders` orders. */
export function proveScenario(s: Scenario, orders: number): Scenario {
  const base = searchBase(s);
  return { ...base, workload: { ...base.workload, orders } };
}
