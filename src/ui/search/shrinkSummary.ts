/** What shrinking changed between the run found and the minimal one, as short phrases for the panel. */
import { FAULTS } from '../../sim/catalog';
import type { Faults, Scenario } from '../../sim/types';
import type { ShrunkRun } from './protocol';

/** E.g. ["orders 5 → 1", "Duplicate delivery 0.3 → off", "1 fault decision says yes: duplicate"]. */
export function shrinkSteps(from: Scenario, to: ShrunkRun): string[] {
  const s = to.scenario;
  const out: string[] = [];
  if (from.workload.orders !== s.workload.orders) out.push(`orders ${from.workload.orders} → ${s.workload.orders}`);
  for (const k of Object.keys(FAULTS) as (keyof Faults)[]) {
    const a = from.faults[k];
    const b = s.faults[k];
    if (a !== b) out.push(`${FAULTS[k].label.toLowerCase()} ${a} → ${b === 0 ? 'off' : b}`);
  }
  if (from.inventory.stock !== s.inventory.stock) out.push(`stock ${from.inventory.stock} → ${s.inventory.stock}`);
  if (from.changes.length !== s.changes.length) out.push(`control changes ${from.changes.length} → ${s.changes.length}`);
  const n = to.faultDecisions.length;
  if (n > 0) {
    const kinds = [...new Set(to.faultDecisions.map((d) => FAULTS[d.fault].label.toLowerCase()))].join(', ');
    out.push(`${n} fault ${n === 1 ? 'decision says' : 'decisions say'} yes (${kinds})`);
  }
  return out;
}
