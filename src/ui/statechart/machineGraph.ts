/**
 * Turns an XState machine's own definition (its `root` state node: states, `on`, `always`,
 * `after`, guards, nested and final states) into plain graph data for drawing. Nothing here is
 * specific to one machine, so a machine added to the engine later is drawn without changes.
 *
 * Fault points are read from `meta.faultPoints` (a list of fault names) on a state or on a
 * transition, so a machine can declare where a fault strikes in its own definition.
 */
import type { AnyStateMachine } from 'xstate';

/** The kinds of state XState knows. */
export type StateKind = 'atomic' | 'compound' | 'parallel' | 'final' | 'history';

/** One transition: an edge when it has a target, an "internal" line in its state when not. */
export interface ChartTransition {
  /** Unique within the graph: `<source id>:<event>:<position>`. */
  id: string;
  source: string;
  /** Target state id, or null for a transition that only runs actions. */
  target: string | null;
  /** Event type as the machine names it ('' for an eventless `always` transition). */
  event: string;
  /** A short label for the event: the type, `always`, or `after 500 ms`. */
  label: string;
  /** Name of the guard, or null when unguarded. */
  guard: string | null;
  /** Position among the transitions this state has for the same event (guards are tried in order). */
  order: number;
  /** Action names, with string parameters in brackets, e.g. `send(ReserveStock)`. */
  actions: string[];
  faultPoints: string[];
}

/** One state node. */
export interface ChartState {
  /** XState's id, e.g. `order.PaymentAuthorized`. */
  id: string;
  key: string;
  /** Keys from the root joined by dots, e.g. `PaymentAuthorized` or `a.b`. */
  path: string;
  parent: string | null;
  depth: number;
  kind: StateKind;
  /** The parent's initial child (the root's initial state for top-level states). */
  initial: boolean;
  faultPoints: string[];
  description: string | null;
  /** Transitions without a target, listed inside the state. */
  internal: ChartTransition[];
}

/** A machine as data: states in document order, and the transitions that change state. */
export interface MachineGraph {
  id: string;
  states: ChartState[];
  transitions: ChartTransition[];
}

interface NodeLike {
  id: string;
  key: string;
  type: StateKind;
  path: string[];
  meta?: unknown;
  description?: string;
  states: Record<string, NodeLike>;
  initial?: { target?: readonly NodeLike[] };
  transitions: Map<string, readonly TransitionLike[]>;
  always?: readonly TransitionLike[];
}

interface TransitionLike {
  target?: readonly NodeLike[];
  guard?: unknown;
  actions?: readonly unknown[];
  eventType: string;
  reenter?: boolean;
  meta?: unknown;
}

function faultPointsOf(meta: unknown): string[] {
  if (!meta || typeof meta !== 'object') return [];
  const fp = (meta as { faultPoints?: unknown }).faultPoints;
  return Array.isArray(fp) ? fp.filter((x): x is string => typeof x === 'string') : [];
}

/** A readable name for a guard however it was written: a name, `{ type }`, or a function. */
export function guardName(guard: unknown): string | null {
  if (guard === undefined || guard === null) return null;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') return guard.name && guard.name !== 'guard' ? guard.name : 'inline guard';
  if (typeof guard === 'object' && typeof (guard as { type?: unknown }).type === 'string') return (guard as { type: string }).type;
  return 'guard';
}

function actionName(action: unknown): string {
  if (typeof action === 'string') return action;
  if (typeof action === 'function') {
    // Built-ins carry their kind (e.g. `xstate.assign`); their function names are minified in a build.
    const kind = (action as { type?: unknown }).type;
    if (typeof kind === 'string' && kind.startsWith('xstate.')) return kind.slice('xstate.'.length);
    return action.name || 'inline action';
  }
  if (action && typeof action === 'object' && typeof (action as { type?: unknown }).type === 'string') {
    const a = action as { type: string; params?: unknown };
    const p = a.params && typeof a.params === 'object' ? Object.values(a.params).filter((v): v is string => typeof v === 'string') : [];
    return p.length ? `${a.type}(${p.join(', ')})` : a.type;
  }
  return 'action';
}

/** `xstate.after.500.order.x` → `after 500 ms`; '' → `always`. */
export function eventLabel(event: string): string {
  if (event === '') return 'always';
  const after = /^xstate\.after\.(\d+)\./.exec(event);
  if (after) return `after ${after[1]} ms`;
  return event;
}

/** Reads a machine's definition into a `MachineGraph`. */
export function machineToGraph(machine: AnyStateMachine): MachineGraph {
  const root = machine.root as unknown as NodeLike;
  const states: ChartState[] = [];
  const transitions: ChartTransition[] = [];

  const convert = (source: NodeLike, list: readonly TransitionLike[], event: string, into: ChartState, first = 0): void => {
    list.forEach((t, i) => {
      const order = first + i;
      const target = t.target && t.target.length > 0 ? t.target[0].id : null;
      const tr: ChartTransition = {
        id: `${source.id}:${event}:${order}`,
        source: source.id,
        // A self-transition without re-entry changes nothing visible: show it with the internal ones.
        target: target === source.id && !t.reenter ? null : target,
        event,
        label: eventLabel(event),
        guard: guardName(t.guard),
        order,
        actions: (t.actions ?? []).map(actionName),
        faultPoints: faultPointsOf(t.meta),
      };
      if (tr.target === null) into.internal.push(tr);
      else transitions.push(tr);
    });
  };

  const visit = (node: NodeLike, parent: NodeLike | null, depth: number): void => {
    const state: ChartState = {
      id: node.id,
      key: node.key,
      path: node.path.join('.'),
      // Top-level states have no parent in the chart: the root is the chart itself.
      parent: parent && parent !== root ? parent.id : null,
      depth,
      kind: node.type,
      initial: parent ? (parent.initial?.target ?? []).some((n) => n.id === node.id) : false,
      faultPoints: faultPointsOf(node.meta),
      description: node.description ?? null,
      internal: [],
    };
    if (parent) states.push(state);
    // The root is not drawn: its own transitions are handed to the top-level states below.
    if (parent) for (const [event, list] of node.transitions) convert(node, list, event, state);
    if (node.always) convert(node, node.always, '', state);
    for (const child of Object.values(node.states)) visit(child, node, depth + 1);
  };
  visit(root, null, -1);
  // A transition on the machine itself is taken from whichever top-level state is active (final
  // states take no events), after that state's own candidates for the event: draw it from each.
  for (const [event, list] of root.transitions) {
    for (const child of Object.values(root.states)) {
      if (child.type === 'final') continue;
      const own = child.transitions.get(event) ?? [];
      // An unguarded candidate of the state's own always wins: the machine's is never reached there.
      if (own.some((t) => !t.guard)) continue;
      const state = states.find((st) => st.id === child.id);
      if (state) convert(child, list, event, state, own.length);
    }
  }
  return { id: machine.id, states, transitions };
}

/**
 * The ids of the atomic states a snapshot value names, and their ancestors: `'a'` or
 * `{ a: 'b' }` or `{ p: { x: 'y', z: 'w' } }` (parallel).
 */
export function activeStateIds(graph: MachineGraph, value: unknown): Set<string> {
  const byPath = new Map(graph.states.map((s) => [s.path, s.id]));
  const out = new Set<string>();
  const walk = (v: unknown, prefix: string): void => {
    if (typeof v === 'string') {
      const id = byPath.get(prefix ? `${prefix}.${v}` : v);
      if (id) out.add(id);
      return;
    }
    if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        const p = prefix ? `${prefix}.${k}` : k;
        const id = byPath.get(p);
        if (id) out.add(id);
        walk(child, p);
      }
    }
  };
  walk(value, '');
  return out;
}

/** `StockRejected` or `stock.rejected` → `STOCK_REJECTED`: how message names usually map to event types. */
export function screamingSnake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

/**
 * The transition that took a machine from `from` to `to`, using a hint (e.g. the name of the
 * message that caused it) when several events lead there. Null when none fits, or when the
 * hint cannot tell several apart.
 */
export function findTransition(graph: MachineGraph, from: string, to: string, hint: string | null): ChartTransition | null {
  const fits = graph.transitions.filter((t) => t.source === from && t.target === to);
  if (fits.length === 0) return null;
  const events = [...new Set(fits.map((t) => t.event))];
  let event: string | undefined = events.length === 1 ? events[0] : undefined;
  if (event === undefined && hint) {
    const h = screamingSnake(hint);
    event = events.find((e) => e === h) ?? events.find((e) => h.startsWith(e) || e.startsWith(h));
  }
  if (event === undefined) return null;
  // Among one event's candidates, the first whose target matches: an earlier one with the same
  // target would have been taken instead.
  return fits.find((t) => t.event === event) ?? null;
}

/**
 * Says which guard decided a transition: the guards of earlier candidates for the same event
 * were false, its own (if any) was true. Null for a transition with no guard involved.
 */
export function guardVerdict(graph: MachineGraph, taken: ChartTransition): string | null {
  const before = [...graph.transitions, ...graph.states.flatMap((s) => s.internal)]
    .filter((t) => t.source === taken.source && t.event === taken.event && t.order < taken.order && t.guard)
    .sort((a, b) => a.order - b.order);
  const parts = before.map((t) => `guard ${t.guard} was false`);
  if (taken.guard) parts.push(`guard ${taken.guard} was true`);
  return parts.length ? parts.join(', ') : null;
}
