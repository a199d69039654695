/**
 * The path an entity's machine has taken so far, as plain data: one frozen record per change of
 * state value (time, state, event, the guards that decided, the transitions taken). The services
 * append to it where they step their machines; the statechart view draws it. It is not part of
 * the trace, so recording it cannot change a run's hash.
 *
 * Which transitions a step took is worked out from the machine's own definition: the first
 * candidate (in XState's order: deepest state first, then as written) whose target chain, through
 * any eventless `always` steps, ends in the new state and whose named effects all appear among
 * the commands the step returned. That depends only on (from, event, to, commands), so it is
 * remembered per machine and a repeated step costs one Map lookup.
 */
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { entryOf, newMap } from './memoEntry';

/** One step along an entity's path. Frozen, so checkpoints share it instead of copying it. */
export interface PathEntry {
  readonly t: number;
  /** The state entered, as its keys from the root joined by dots (e.g. `charging.awaitingProvider`). */
  readonly state: string;
  /** The event that moved it there; null for where the machine started (or started again). */
  readonly event: string | null;
  /** The guards that decided, e.g. `not retriesLeft, currentAttempt`; null when none was involved. */
  readonly guard: string | null;
  /** Transitions taken, as `<source state id>:<event>:<position>` (`''` for an eventless one). */
  readonly taken: readonly string[];
}

// biome-ignore lint/suspicious/noExplicitAny: XState's StateNode and TransitionDefinition internals have no public type.
type Node = any;
// biome-ignore lint/suspicious/noExplicitAny: as above.
type Transition = any;

/** Dotted paths of nested state values already spelled (values belong to immutable snapshots). */
const spelled = new WeakMap<object, string>();

/** The dotted path of a (non-parallel) snapshot value: `'a'` or `{ a: 'b' }` → `a.b`. */
export function statePath(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const known = spelled.get(value);
    if (known !== undefined) return known;
    const path = spell(value);
    spelled.set(value, path);
    return path;
  }
  return JSON.stringify(value);
}

function spell(value: object): string {
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const inner = statePath((value as Record<string, unknown>)[keys[0]]);
    return inner ? `${keys[0]}.${inner}` : keys[0];
  }
  return JSON.stringify(value);
}

/** A new path: where the machine starts, at `t`. */
export function startPath(t: number, snapshot: AnyMachineSnapshot): PathEntry[] {
  return [entry(t, statePath(snapshot.value), null, NONE)];
}

/**
 * Appends a step to `path` if it changed the state value; a machine begun afresh (its `before`
 * is not where the path stands) first gets an entry for where it started again.
 */
export function notePath(
  path: PathEntry[],
  t: number,
  machine: AnyStateMachine,
  before: AnyMachineSnapshot,
  after: AnyMachineSnapshot,
  event: { type: string },
  commands: readonly { type: string }[],
): void {
  if (after === before) return;
  const to = statePath(after.value);
  const from = statePath(before.value);
  const last = path.length > 0 ? path[path.length - 1].state : null;
  if (last !== from) path.push(entry(t, from, null, NONE));
  if (to === from) return;
  const r = resolve(machine, from, event.type, to, commands);
  path.push(entry(t, to, event.type, r));
}

interface Resolution {
  guard: string | null;
  taken: readonly string[];
}

const NONE: Resolution = Object.freeze({ guard: null, taken: Object.freeze([]) as readonly string[] });

function entry(t: number, state: string, event: string | null, r: Resolution): PathEntry {
  return Object.freeze({ t, state, event, guard: r.guard, taken: r.taken });
}

/**
 * Resolutions per machine, by from-state, event type and to-state (names the machine definition
 * spells once, so each lookup hashes no new string), then by the command list: first by the list
 * object itself (pure.ts hands back the same frozen list for a remembered step), else by its names.
 */
interface ByCommands {
  byList: WeakMap<readonly { type: string }[], Resolution>;
  byNames: Map<string, Resolution>;
}
const memos = new WeakMap<AnyStateMachine, Map<string, Map<string, Map<string, ByCommands>>>>();
const newByCommands = (): ByCommands => ({ byList: new WeakMap(), byNames: new Map() });

function resolve(machine: AnyStateMachine, from: string, type: string, to: string, commands: readonly { type: string }[]): Resolution {
  const byTo = entryOf(entryOf(entryOf(memos, machine, newMap), from, newMap), type, newMap);
  const known = entryOf(byTo, to, newByCommands);
  let r = known.byList.get(commands);
  if (r) return r;
  let names = '';
  for (const c of commands) names += `${c.type},`;
  r = known.byNames.get(names);
  if (!r) {
    r = search(machine, from, type, to, new Set(commands.map((c) => c.type))) ?? NONE;
    known.byNames.set(names, r);
  }
  known.byList.set(commands, r);
  return r;
}

function nodeAt(machine: AnyStateMachine, path: string): Node | null {
  let node: Node = machine.root;
  for (const key of path.split('.')) {
    node = node?.states?.[key];
    if (!node) return null;
  }
  return node;
}

/** A guard's name however it was written (a name, `{ type }`, or a function). */
function guardName(g: unknown): string | null {
  if (g === undefined || g === null) return null;
  if (typeof g === 'string') return g;
  if (typeof g === 'function') return g.name || 'inline guard';
  if (typeof g === 'object' && typeof (g as { type?: unknown }).type === 'string') return (g as { type: string }).type;
  return 'guard';
}

/** The named effects a transition runs (built-ins like `assign`, even when named in `setup`, are not commands). */
function effects(machine: AnyStateMachine, t: Transition): string[] {
  const impl = (machine.implementations?.actions ?? {}) as Record<string, unknown>;
  const out: string[] = [];
  for (const a of t.actions ?? []) {
    const name = typeof a === 'string' ? a : a && typeof a === 'object' && typeof a.type === 'string' ? a.type : null;
    if (!name || name.startsWith('xstate.')) continue;
    const fn = impl[name] as { resolve?: unknown } | undefined;
    if (fn && typeof fn.resolve === 'function') continue;
    out.push(name);
  }
  return out;
}

/** Where a target leads once its initial children are entered. */
function settle(node: Node): Node {
  let n = node;
  while (n.type === 'compound' && n.initial?.target?.[0]) n = n.initial.target[0];
  return n;
}

const MAX_CHAIN = 6;

/** One candidate step: its id in the chart's format and the verdict of the guards before it. */
function candidates(node: Node, type: string): { t: Transition; id: string; verdict: string | null }[] {
  const out: { t: Transition; id: string; verdict: string | null }[] = [];
  for (let n = node; n; n = n.parent) {
    const list: Transition[] = (type === '' ? n.always : n.transitions.get(type)) ?? [];
    // A machine-level transition is drawn from each top-level state, after that state's own ones.
    const source = n.parent ? n : topLevel(node);
    const offset = n.parent ? 0 : (source.transitions.get(type)?.length ?? 0);
    const falsified: string[] = [];
    list.forEach((t, i) => {
      const own = guardName(t.guard);
      const parts = falsified.map((g) => `not ${g}`);
      if (own) parts.push(own);
      out.push({ t, id: `${source.id}:${type}:${offset + i}`, verdict: parts.length ? parts.join(', ') : null });
      if (own) falsified.push(own);
    });
  }
  return out;
}

function topLevel(node: Node): Node {
  let n = node;
  while (n.parent?.parent) n = n.parent;
  return n;
}

/** The chain of transitions from `from` on `type` that ends in `to` with effects among `commands`. */
function search(machine: AnyStateMachine, from: string, type: string, to: string, commands: Set<string>): Resolution | null {
  const start = nodeAt(machine, from);
  if (!start) return null;
  const walk = (node: Node, ev: string, depth: number): { ids: string[]; guards: string[] } | null => {
    if (depth > MAX_CHAIN) return null;
    for (const c of candidates(node, ev)) {
      const target = c.t.target?.[0];
      if (!target) continue;
      if (!effects(machine, c.t).every((e) => commands.has(e))) continue;
      const landed = settle(target);
      const here = { ids: [c.id], guards: c.verdict ? [c.verdict] : [] };
      const onward = hasAlways(landed) ? walk(landed, '', depth + 1) : null;
      if (onward) return { ids: [...here.ids, ...onward.ids], guards: [...here.guards, ...onward.guards] };
      if (statePath(landed.path.join('.')) === to && !mustMove(landed)) return here;
    }
    return null;
  };
  const found = walk(start, type, 0);
  return found ? Object.freeze({ guard: found.guards.length ? found.guards.join('; ') : null, taken: Object.freeze(found.ids) }) : null;
}

function hasAlways(node: Node): boolean {
  for (let n = node; n; n = n.parent) if (n.always?.length) return true;
  return false;
}

/** A state with an unguarded eventless transition is never rested in. */
function mustMove(node: Node): boolean {
  for (let n = node; n; n = n.parent) if (n.always?.some((t: Transition) => !t.guard)) return true;
  return false;
}
