/** A machine's path in words, for the list under each chart (plain text, so Node tests read it too). */
import { fmtMs } from '../format';
import type { ChartStatus, PathStep } from './chartStatus';
import type { MachineGraph } from './machineGraph';

function label(graph: MachineGraph, id: string): string {
  return graph.states.find((s) => s.id === id)?.key ?? id;
}

/** One step: the state, when, the event and the guards that decided (the first step is the start). */
export function stepText(graph: MachineGraph, p: PathStep, first: boolean): string {
  const at = `${label(graph, p.state)} at ${fmtMs(p.t)}`;
  if (first) return `${at} (start)`;
  if (p.cause === null && p.transition === null) return `started again: ${at}`;
  const guard = p.guard ? ` [${p.guard}]` : '';
  return `${at}${p.cause ? ` on ${p.cause}` : p.transition ? ` on ${p.transition.label}` : ''}${guard}`;
}

/** A sentence about the step just taken: states, event, guard, time. */
export function lastStepText(graph: MachineGraph, status: ChartStatus): string | null {
  const last = status.last;
  if (!last?.transition.target) return null;
  const t = last.transition;
  const guard = last.guard ? ` (${last.guard})` : '';
  // A step through eventless states names where it began and the event that set it off.
  const through = last.via && last.via.length > 1 ? `, through ${last.via.slice(0, -1).map((v) => label(graph, v.target ?? '')).join(', ')}` : '';
  return `Last step at ${fmtMs(last.t)}: ${label(graph, last.from ?? t.source)} → ${label(graph, t.target ?? '')} on ${last.event ?? t.label}${through}${guard}.`;
}
