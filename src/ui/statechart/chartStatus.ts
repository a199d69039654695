/**
 * What a chart shows about a running machine, worked out from the engine's ground truth (its
 * view and its trace), never from the drawing: the current state, the states passed through,
 * the transition just taken with the guard that decided it, and where faults struck.
 */
import type { EngineView } from '../../sim/api';
import type { ServiceId, TraceEvent } from '../../sim/types';
import type { AnyMachineSnapshot } from 'xstate';
import type { PathEntry } from '../../sim/machines/path';
import { activeStateIds, type ChartTransition, findTransition, guardVerdict, type MachineGraph } from './machineGraph';

/** One step along a machine's path. */
export interface PathStep {
  t: number;
  /** State id entered. */
  state: string;
  /** The transition taken, when it could be told apart; null for the start. */
  transition: ChartTransition | null;
  /** What caused it, in words (e.g. the message type). */
  cause: string | null;
  /** Every transition the step took, eventless ones included (absent: just `transition`). */
  via?: ChartTransition[];
  /** The guards that decided, as the engine recorded them (entity paths only). */
  guard?: string | null;
}

/** Everything a chart highlights. */
export interface ChartStatus {
  /** State ids active now (atomic states and their ancestors). */
  active: Set<string>;
  /** The states entered so far, in order (empty when the chart has no single instance). */
  path: PathStep[];
  /** The most recent transition, with when it happened and the guard that decided it. */
  last: { transition: ChartTransition; t: number; guard: string | null; from?: string; via?: ChartTransition[]; event?: string } | null;
  /** How many instances are in each state (for machines that run many, e.g. one per order). */
  counts: Map<string, number>;
  /** Faults that struck on a transition, counted from the trace: transition id → fault → count. */
  faultHits: Map<string, Map<string, number>>;
}

/** A status with nothing highlighted. */
export function emptyStatus(): ChartStatus {
  return { active: new Set(), path: [], last: null, counts: new Map(), faultHits: new Map() };
}

function idOf(graph: MachineGraph, path: string): string | null {
  return graph.states.find((s) => s.path === path)?.id ?? null;
}

/**
 * One order's path through the order machine, from its `state` trace events. `typeOf` names
 * the message that caused each step (the hint that tells apart events leading to one state).
 */
export function orderStatus(graph: MachineGraph, events: readonly TraceEvent[], typeOf: (msgId: string) => string | null): ChartStatus {
  const status = emptyStatus();
  for (const e of events) {
    if (e.kind !== 'state') continue;
    const to = idOf(graph, e.to);
    if (!to) continue;
    const from = e.from === null ? null : idOf(graph, e.from);
    const cause = e.cause ? typeOf(e.cause) : null;
    const transition = from ? findTransition(graph, from, to, cause) : null;
    status.path.push({ t: e.t, state: to, transition, cause });
    if (transition) status.last = { transition, t: e.t, guard: guardVerdict(graph, transition) };
  }
  const current = status.path.at(-1);
  if (current) status.active.add(current.state);
  return status;
}

/** Counts of orders in each state of the order machine, from the view. */
export function orderCounts(graph: MachineGraph, view: EngineView): ChartStatus {
  const status = emptyStatus();
  for (const o of view.orders) {
    const id = idOf(graph, o.state);
    if (id) status.counts.set(id, (status.counts.get(id) ?? 0) + 1);
  }
  return status;
}

/** Which consumer-loop event a crash struck in, from what the trace shows before it. */
type CrashEvent = 'DELIVER' | 'FINISH' | 'LOCAL';

/**
 * A service's consumer loop: the current state from its snapshot; from the trace, each crash
 * counted on the guarded branch into `down` that it took (the crash's `why` names the guard),
 * each restart on RESTART, and the guards that decided the latest of them.
 *
 * The trace does not name the event a crash struck in, so it is told from the message's
 * history: no message is local work (LOCAL); a crash at the instant the message was delivered,
 * or after it was parked in the version buffer, struck the delivery (DELIVER); a crash later
 * than its delivery struck the second step of a two-step handler (FINISH). One case stays out of
 * reach: a parked message that is later handled in two steps is counted on DELIVER.
 */
export function serviceStatus(graph: MachineGraph, service: ServiceId, process: AnyMachineSnapshot | null, trace: readonly TraceEvent[]): ChartStatus {
  const status = snapshotStatus(graph, process);
  const up = idOf(graph, 'up');
  const down = idOf(graph, 'down');
  if (!up || !down) return status;
  const restart = findTransition(graph, down, up, 'RESTART');
  const branch = (event: CrashEvent, guard: string) =>
    graph.transitions.find((t) => t.source === up && t.target === down && t.event === event && t.guard === guard) ?? null;
  // When each message's latest delivery to this service began; 'parked' once it waits in the buffer.
  const began = new Map<string, number | 'parked'>();
  for (const e of trace) {
    if (e.kind === 'deliver' && e.to === service) began.set(e.msgId, e.t);
    else if (e.kind === 'buffered' && e.to === service) began.set(e.msgId, 'parked');
    else if (e.kind === 'crash' && e.service === service) {
      const start = e.msgId === null ? null : began.get(e.msgId);
      const event: CrashEvent = e.msgId === null ? 'LOCAL' : start === 'parked' || start === e.t ? 'DELIVER' : 'FINISH';
      const taken = branch(event, e.why);
      if (!taken) continue;
      const hits = status.faultHits.get(taken.id) ?? new Map<string, number>();
      hits.set(e.why, (hits.get(e.why) ?? 0) + 1);
      status.faultHits.set(taken.id, hits);
      status.last = { transition: taken, t: e.t, guard: guardVerdict(graph, taken) };
    } else if (e.kind === 'restart' && e.service === service && restart) {
      status.last = { transition: restart, t: e.t, guard: guardVerdict(graph, restart) };
    }
  }
  return status;
}

/**
 * How many entities sit in each state, from their snapshots. Entities in the same state share
 * the work: the state ids are worked out once per distinct state value.
 */
export function snapshotCounts(graph: MachineGraph, snapshots: readonly AnyMachineSnapshot[]): ChartStatus {
  const status = emptyStatus();
  const byValue = new Map<string, { value: unknown; n: number }>();
  for (const snap of snapshots) {
    const key = typeof snap.value === 'string' ? snap.value : JSON.stringify(snap.value);
    const slot = byValue.get(key);
    if (slot) slot.n++;
    else byValue.set(key, { value: snap.value, n: 1 });
  }
  for (const { value, n } of byValue.values()) {
    for (const id of activeStateIds(graph, value)) status.counts.set(id, (status.counts.get(id) ?? 0) + n);
  }
  return status;
}

/** One entity's current state, from its snapshot (nothing highlighted when it has none yet). */
export function snapshotStatus(graph: MachineGraph, snapshot: AnyMachineSnapshot | null): ChartStatus {
  const status = emptyStatus();
  if (snapshot) status.active = activeStateIds(graph, snapshot.value);
  return status;
}

/**
 * One entity's path as the engine recorded it (src/sim/machines/path.ts): each step's state, the
 * transitions it took (through eventless steps), and the guards that decided; the current state
 * from its snapshot. The caption's guard sentence is worked out from the chart's own transitions.
 */
export function pathStatus(graph: MachineGraph, path: readonly PathEntry[], snapshot: AnyMachineSnapshot | null): ChartStatus {
  const status = snapshotStatus(graph, snapshot);
  const byId = new Map(graph.transitions.map((t) => [t.id, t]));
  let from: string | null = null;
  for (const e of path) {
    const to = idOf(graph, e.state);
    if (!to) continue;
    const via = e.taken.map((id) => byId.get(id)).filter((t): t is ChartTransition => t !== undefined);
    const transition = via.at(-1) ?? null;
    status.path.push({ t: e.t, state: to, transition, cause: e.event, via, guard: e.guard });
    if (transition && from && e.event !== null) {
      const verdicts = via.map((t) => guardVerdict(graph, t)).filter((v): v is string => v !== null);
      status.last = { transition, t: e.t, guard: verdicts.length ? verdicts.join('; ') : null, from, via, event: e.event };
    }
    from = to;
  }
  return status;
}
