/** A scenario as a small file: only what differs from the defaults (plus the seed and any recorded choices). */
import { DEFAULT_SCENARIO } from '../sim/scenario';
import type { Scenario } from '../sim/types';

/** The scenario as a file would hold it: only what differs from the defaults. `parseScenario` reads it back to the same scenario. */
export function compactScenario(s: Scenario): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.name) out.name = s.name;
  out.seed = s.seed;
  const diff = <T extends object>(v: T, d: T) => {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== (d as Record<string, unknown>)[k]) o[k] = x;
    return o;
  };
  const sections: [string, object, object][] = [
    ['workload', s.workload, DEFAULT_SCENARIO.workload],
    ['inventory', s.inventory, DEFAULT_SCENARIO.inventory],
    ['faults', s.faults, DEFAULT_SCENARIO.faults],
    ['remedies', s.remedies, DEFAULT_SCENARIO.remedies],
  ];
  for (const [name, v, d] of sections) {
    const o = diff(v, d);
    if (Object.keys(o).length) out[name] = o;
  }
  if (s.durationMs !== DEFAULT_SCENARIO.durationMs) out.durationMs = s.durationMs;
  if (s.stuckAfterMs !== DEFAULT_SCENARIO.stuckAfterMs) out.stuckAfterMs = s.stuckAfterMs;
  if (s.changes.length) out.changes = s.changes;
  if (s.alerts) out.alerts = s.alerts;
  if (s.choices) out.choices = s.choices;
  return out;
}
