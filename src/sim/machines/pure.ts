/**
 * Runs XState machines as pure functions: a snapshot and an event in, the next snapshot and the
 * actions it asked for out, as data. Nothing is executed and no actor lives between events, so an
 * entity's whole state is its snapshot (immutable, shared safely by checkpoints) and its effects
 * are commands the runtime applies inside the local transaction.
 *
 * `xstate`'s exported `transition()` does the same but builds a throwaway actor on every call
 * (~30 µs); one inert scope per machine, reused, makes a transition cost ~3 µs. On top of that a
 * step XState has already computed for the same state, context and event is remembered, and an
 * event no active state names is answered without XState (see `step`).
 */
import {
  type AnyMachineSnapshot,
  type AnyStateMachine,
  createActor,
  type EventFromLogic,
  type InputFrom,
  type SnapshotFrom,
} from 'xstate';
import { entryOf, newMap } from './memoEntry';

/** One effect a transition asked for: the action's name and its resolved params. */
export interface Command {
  type: string;
  params: Record<string, unknown>;
}

/** How many transitions have been taken through this module (the benchmark reads it). */
export const transitionCount = { n: 0 };

interface Scope {
  collected: Command[];
  // biome-ignore lint/suspicious/noExplicitAny: XState's internal actor scope has no public type.
  scope: any;
}

const scopes = new WeakMap<AnyStateMachine, Scope>();

function scopeFor(machine: AnyStateMachine): Scope {
  let s = scopes.get(machine);
  if (s) return s;
  const self = createActor(machine);
  const holder: Scope = { collected: [], scope: null };
  holder.scope = {
    self,
    id: '',
    sessionId: '',
    system: self.system,
    logger: () => {},
    defer: () => {},
    stopChild: () => {},
    emit: () => {},
    actionExecutor: (a: { type: string; params?: unknown }) => {
      // Built-in actions (assign, raise) are applied by XState itself; only named effects reach us.
      holder.collected.push({ type: a.type, params: (a.params ?? {}) as Record<string, unknown> });
    },
  };
  s = holder;
  scopes.set(machine, s);
  return s;
}

/**
 * First snapshots of machines started without input, with their entry actions: the same every
 * time (guards and assigns are pure), so XState builds them once. The snapshot is immutable and
 * the command list frozen, so every caller can share them.
 */
const firstSteps = new WeakMap<AnyStateMachine, { snapshot: AnyMachineSnapshot; commands: Command[] }>();

/** The machine's first snapshot for `input`, and the entry actions it asked for. */
export function start<M extends AnyStateMachine>(machine: M, input: InputFrom<M>): { snapshot: SnapshotFrom<M>; commands: Command[] } {
  transitionCount.n++;
  if (input === undefined) {
    const known = firstSteps.get(machine);
    if (known) return known as { snapshot: SnapshotFrom<M>; commands: Command[] };
  }
  const s = scopeFor(machine);
  s.collected = [];
  const snapshot = machine.getInitialSnapshot(s.scope, input) as SnapshotFrom<M>;
  const first = { snapshot, commands: s.collected };
  if (input === undefined) {
    for (const c of first.commands) Object.freeze(c.params);
    Object.freeze(first.commands);
    Object.freeze(first);
    firstSteps.set(machine, first);
  }
  return first;
}

/** What an unhandled event yields: the snapshot as it was and no commands (never mutated). */
const NO_COMMANDS = Object.freeze([]) as unknown as Command[];

/**
 * Per machine: true if an event no state node names can be answered without XState. That holds
 * when the machine has no eventless (`always`) transitions — their guards see the event, so XState
 * must evaluate them even when nothing else matched — and no wildcard descriptors, which match
 * event types a plain key lookup would miss.
 */
const skippable = new WeakMap<AnyStateMachine, boolean>();

// biome-ignore lint/suspicious/noExplicitAny: XState's StateNode internals (transitions, always) have no public type.
type Node = any;

function canSkipUnhandled(machine: AnyStateMachine): boolean {
  let ok = skippable.get(machine);
  if (ok !== undefined) return ok;
  ok = true;
  for (const node of (machine as unknown as { idMap: Map<string, Node> }).idMap.values()) {
    if (node.always?.length) ok = false;
    for (const descriptor of node.transitions.keys()) if (descriptor.includes('*')) ok = false;
  }
  skippable.set(machine, ok);
  return ok;
}

/** True if no active state node has a transition for `type`, so XState would return the snapshot unchanged. */
function unhandled(machine: AnyStateMachine, snapshot: AnyMachineSnapshot, type: string): boolean {
  if (snapshot.status !== 'active' || type.startsWith('xstate.') || !canSkipUnhandled(machine)) return false;
  const nodes = (snapshot as unknown as { _nodes: Node[] })._nodes;
  for (let i = 0; i < nodes.length; i++) if (nodes[i].transitions.has(type)) return false;
  return true;
}

/** One transition: the next snapshot (the same object when the event was not handled) and its commands. */
export function step<M extends AnyStateMachine>(machine: M, snapshot: SnapshotFrom<M>, event: EventFromLogic<M>): { snapshot: SnapshotFrom<M>; commands: Command[] } {
  // A step already taken from this very snapshot object with an equal event is found by comparing
  // the event's fields: no key is spelled, nothing is allocated. Looked for first, since most steps
  // are such repeats; only a step XState took is remembered, so a handled event is never skipped.
  const seen = bySnapshot.get(snapshot as AnyMachineSnapshot);
  if (seen !== undefined && seen.key !== null) {
    const known = findStep(seen, event as unknown as Record<string, unknown>);
    if (known) {
      transitionCount.n++;
      return known as { snapshot: SnapshotFrom<M>; commands: Command[] };
    }
  }
  // An event no active state names changes nothing: skip XState's whole macrostep. Still counted,
  // as the machine was offered the event (the benchmark's transitions per delivery stay comparable).
  if (unhandled(machine, snapshot as AnyMachineSnapshot, (event as { type: string }).type)) {
    transitionCount.n++;
    return { snapshot, commands: NO_COMMANDS };
  }
  // A snapshot seen for the first time has no steps to look through yet.
  const info = seen ?? snapshotInfo(snapshot as AnyMachineSnapshot);
  const ev = event as unknown as Record<string, unknown>;
  const memo = entryOf(memos, machine, newMemo);
  // Two levels, by the snapshot's spelling (made once per snapshot object, so its hash is kept)
  // and then the event: an event of primitives by a number hashed from its fields and compared
  // field by field (no key string is built and hashed afresh), any other by its spelling.
  const own = info.key === null ? null : Object.keys(ev);
  const hash = own === null ? -1 : fieldsHash(own, ev);
  const eventKey = info.key === null || hash >= 0 ? null : plainKeyOf(event);
  let hit: Memo | undefined;
  if (hash >= 0) {
    const bucket = memo.flat.get(info.key!)?.get(hash);
    if (bucket) for (let i = 0; i < bucket.length && !hit; i++) if (sameFields(bucket[i], own!, ev)) hit = bucket[i].memo;
  } else if (eventKey !== null) hit = memo.bySnapshot.get(info.key!)?.get(eventKey);
  if (hit) {
    transitionCount.n++;
    return rememberFrom(info, ev, snapshot as AnyMachineSnapshot, hit) as { snapshot: SnapshotFrom<M>; commands: Command[] };
  }
  const s = scopeFor(machine);
  s.collected = [];
  const next = machine.transition(snapshot as AnyMachineSnapshot, event, s.scope) as SnapshotFrom<M>;
  transitionCount.n++;
  if (hash >= 0 || eventKey !== null) {
    // Bounded: machines whose context holds ever-new numbers would otherwise grow it without end.
    if (memo.size >= MEMO_LIMIT) {
      memo.bySnapshot.clear();
      memo.flat.clear();
      memo.size = 0;
    }
    const entry: Memo = { snapshot: next === snapshot ? null : next, commands: Object.freeze(s.collected) as Command[], result: null };
    if (hash >= 0) {
      const buckets = entryOf(memo.flat, info.key!, newMap);
      const bucket = buckets.get(hash);
      // An event of primitives (its hash says so), so it has plain fields.
      const known: FlatMemo = { ...(plainFields(ev) as EventFields), memo: entry };
      if (bucket) bucket.push(known);
      else buckets.set(hash, [known]);
    } else entryOf(memo.bySnapshot, info.key!, newMap).set(eventKey!, entry);
    memo.size++;
    rememberFrom(info, ev, snapshot as AnyMachineSnapshot, entry);
  }
  return { snapshot: next, commands: s.collected };
}

/** A remembered step: the next snapshot (null: the same one) and the commands it asked for. */
interface Memo {
  snapshot: AnyMachineSnapshot | null;
  commands: Command[];
  /** The frozen result handed out for it, made on first use when it names its own snapshot (shared by every caller). */
  result: Readonly<{ snapshot: AnyMachineSnapshot; commands: Command[] }> | null;
}

/**
 * Transitions remembered per machine, keyed by everything a transition reads: the state value,
 * the context and the event (these machines have no history states and no children, and their
 * guards and assigns are pure). A hit hands back the very snapshot and commands XState made the
 * first time — both immutable — or, for an event that changed nothing, the caller's own snapshot
 * (`snapshot: null`), so "the same object when not handled" still holds.
 */
const memos = new WeakMap<AnyStateMachine, MachineMemo>();
const MEMO_LIMIT = 10_000;

/**
 * One machine's remembered steps, by the snapshot's spelling, then the event: events of primitives
 * in `flat` by their fields' hash (`fieldsHash`), others in `bySnapshot` by their spelling; `size`
 * counts them all.
 */
interface MachineMemo {
  bySnapshot: Map<string, Map<string, Memo>>;
  flat: Map<string, Map<number, FlatMemo[]>>;
  size: number;
}

/** An event of primitives as its own keys and their values, in order (compared by `sameFields`). */
interface EventFields {
  keys: readonly string[];
  /** The event's values, in the order of `keys` (an array: read by index, not by a key each time). */
  vals: readonly unknown[];
}

/** A remembered step for an event of primitives. */
interface FlatMemo extends EventFields {
  memo: Memo;
}

const newMemo = (): MachineMemo => ({ bySnapshot: new Map(), flat: new Map(), size: 0 });

/**
 * A hash (≥ 0) of an event's own keys `own` and their values, or -1 if some value is not a
 * primitive. Values equal by Object.is hash alike; collisions are told apart by `sameFields`.
 */
function fieldsHash(own: readonly string[], event: Record<string, unknown>): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < own.length; i++) {
    h = hashText(h, own[i]);
    const v = event[own[i]];
    switch (typeof v) {
      case 'string':
        h = hashText(Math.imul(h ^ 1, 0x01000193), v);
        break;
      case 'number':
        // The integer part and a few decimals; NaN and ±Infinity fold to 0 (they only collide).
        h = Math.imul(Math.imul(h ^ 2, 0x01000193) ^ (v | 0), 0x01000193) ^ ((v * 1024) | 0);
        break;
      case 'boolean':
        h = Math.imul(h ^ (v ? 3 : 4), 0x01000193);
        break;
      case 'undefined':
        h = Math.imul(h ^ 5, 0x01000193);
        break;
      case 'object':
        if (v !== null) return -1;
        h = Math.imul(h ^ 6, 0x01000193);
        break;
      default:
        return -1;
    }
  }
  return h >>> 0;
}

/** FNV-1a over a string's UTF-16 code units, on from `h`. */
function hashText(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * Per snapshot object (immutable, so its spelling never changes): its part of the memo key (null
 * when it cannot be remembered) and the steps already taken from it, by event key. A module-level
 * cache keyed by identity, not simulation state: it dies with the snapshot.
 */
const bySnapshot = new WeakMap<AnyMachineSnapshot, SnapshotInfo>();

interface SnapshotInfo {
  key: string | null;
  /** Steps taken from this snapshot, by event type: the event's other fields and the result. */
  steps: Map<string, KnownStep[]>;
  /** How many steps `steps` holds (bounded by STEPS_PER_SNAPSHOT). */
  stepCount: number;
  /** Answers of `can`, by event key (made on first use). */
  can: Map<string, boolean> | null;
  /** The first few answers of `can` again, found by comparing fields, so a repeat spells no key. */
  answers: KnownAnswer[] | null;
}

/** An answer of `can` for one event. */
interface KnownAnswer extends EventFields {
  answer: boolean;
}
/** Distinct events remembered per snapshot object before its list starts again. */
const STEPS_PER_SNAPSHOT = 64;
/** Distinct events of one type remembered per snapshot object (the machines here need at most two). */
const STEPS_PER_TYPE = 4;

function snapshotInfo(snapshot: AnyMachineSnapshot): SnapshotInfo {
  let info = bySnapshot.get(snapshot);
  if (!info) {
    info = { key: snapshotKey(snapshot), steps: new Map(), stepCount: 0, can: null, answers: null };
    bySnapshot.set(snapshot, info);
  }
  return info;
}

/**
 * A step taken from one snapshot object: the event's own keys and values in order, and the result
 * handed back as it is (frozen, so callers can share it).
 */
interface KnownStep extends EventFields {
  result: Readonly<{ snapshot: AnyMachineSnapshot; commands: Command[] }>;
}

/** The remembered result of an equal event from this snapshot: same keys in the same order, same primitive values. */
function findStep(info: SnapshotInfo, event: Record<string, unknown>): KnownStep['result'] | undefined {
  const list = info.steps.get(event.type as string);
  if (list === undefined) return undefined;
  // The event's keys, listed once for every candidate (one snapshot may know many steps of a type).
  const own = Object.keys(event);
  for (let i = 0; i < list.length; i++) if (sameFields(list[i], own, event)) return list[i].result;
  return undefined;
}

/**
 * True if `event`, whose own keys are `own`, has exactly the known step's keys, in order, with
 * values equal by Object.is. Object.keys rather than for-in: events of many shapes pass here, and
 * a for-in over an object whose shape the loop has not seen before checks every key through the
 * runtime.
 */
function sameFields(known: EventFields, own: readonly string[], event: Record<string, unknown>): boolean {
  const keys = known.keys;
  if (own.length !== keys.length) return false;
  for (let n = 0; n < keys.length; n++) if (own[n] !== keys[n] || !Object.is(event[own[n]], known.vals[n])) return false;
  return true;
}

/**
 * Remembers a step for this snapshot object when the event is a plain object of primitives (the
 * only kind `sameFields` compares), and hands back the result for this snapshot.
 */
function rememberFrom(info: SnapshotInfo, event: Record<string, unknown>, from: AnyMachineSnapshot, m: Memo): KnownStep['result'] {
  // A step that moved on has one result for every caller; one that changed nothing hands back the caller's own snapshot.
  if (m.snapshot !== null) m.result ??= Object.freeze({ snapshot: m.snapshot, commands: m.commands });
  const result = m.result ?? Object.freeze({ snapshot: from, commands: m.commands });
  const proto = Object.getPrototypeOf(event);
  if (proto !== Object.prototype && proto !== null) return result;
  // A type whose events keep carrying new values (an order id, a stock reading) from one shared
  // snapshot would fill the list with steps that never come again, and every later miss would
  // compare them all: past a few, such steps are left to the memo.
  const type = event.type as string;
  let list = info.steps.get(type);
  if (list !== undefined && list.length >= STEPS_PER_TYPE) return result;
  const fields = plainFields(event);
  if (fields === null) return result;
  if (info.stepCount >= STEPS_PER_SNAPSHOT) {
    info.steps.clear();
    info.stepCount = 0;
    list = undefined;
  }
  if (!list) {
    list = [];
    info.steps.set(type, list);
  }
  list.push({ keys: fields.keys, vals: fields.vals, result });
  info.stepCount++;
  return result;
}

/** The event's own keys and values in order (frozen), or null if some value is not a primitive. */
function plainFields(event: Record<string, unknown>): EventFields | null {
  const keys: string[] = [];
  const vals: unknown[] = [];
  for (const k in event) {
    if (!Object.hasOwn(event, k)) continue;
    const v = event[k];
    if (typeof v === 'object' && v !== null) return null;
    if (typeof v === 'function' || typeof v === 'symbol') return null;
    keys.push(k);
    vals.push(v);
  }
  return { keys: Object.freeze(keys), vals: Object.freeze(vals) };
}

/** The snapshot's part of a memo key, or null when some part is not plain data (then XState always runs). */
function snapshotKey(snapshot: AnyMachineSnapshot): string | null {
  const s = snapshot as unknown as { status: string; historyValue: object; children: object };
  if (s.status !== 'active' || Object.keys(s.historyValue).length > 0 || Object.keys(s.children).length > 0) return null;
  const v = plainKeyOf(snapshot.value);
  const c = v === null ? null : plainKeyOf(snapshot.context);
  return c === null ? null : v + c;
}

/**
 * An unambiguous spelling of `x` (tagged by type, so 1, "1", null, NaN and undefined all differ),
 * or null for anything but primitives, arrays and plain objects. Built by concatenation rather
 * than a parts array and join: this runs on every event of every entity machine.
 */
function plainKeyOf(x: unknown): string | null {
  switch (typeof x) {
    case 'number':
      return `n${Object.is(x, -0) ? '-0' : String(x)};`;
    case 'string':
      return `s${x.length}:${x}`;
    case 'boolean':
      return x ? 'T' : 'F';
    case 'undefined':
      return 'u';
    case 'object': {
      if (x === null) return 'z';
      if (Array.isArray(x)) {
        let out = '[';
        for (const v of x) {
          const k = plainKeyOf(v);
          if (k === null) return null;
          out += k;
        }
        return `${out}]`;
      }
      const proto = Object.getPrototypeOf(x);
      if (proto !== Object.prototype && proto !== null) return null;
      let out = '{';
      for (const k in x) {
        if (!Object.hasOwn(x, k)) continue;
        const v = plainKeyOf((x as Record<string, unknown>)[k]);
        if (v === null) return null;
        out += `s${k.length}:${k}${v}`;
      }
      return `${out}}`;
    }
    default:
      return null;
  }
}

/**
 * Whether the snapshot's machine would take a transition on `event` (XState's `snapshot.can`),
 * remembered per snapshot object and event like `step`: guards are pure, so the same state,
 * context and event always get the same answer.
 */
export function can<M extends AnyStateMachine>(snapshot: SnapshotFrom<M>, event: EventFromLogic<M>): boolean {
  const snap = snapshot as AnyMachineSnapshot;
  const info = snapshotInfo(snap);
  if (info.key === null) return snap.can(event);
  const ev = event as unknown as Record<string, unknown>;
  const answers = info.answers;
  if (answers !== null) {
    const own = Object.keys(ev);
    for (let i = 0; i < answers.length; i++) if (sameFields(answers[i], own, ev)) return answers[i].answer;
  }
  const eventKey = plainKeyOf(event);
  if (eventKey === null) return snap.can(event);
  info.can ??= new Map();
  let answer = info.can.get(eventKey);
  if (answer === undefined) {
    if (info.can.size >= STEPS_PER_SNAPSHOT) info.can.clear();
    answer = snap.can(event);
    info.can.set(eventKey, answer);
  }
  // Only events of primitives are compared field by field; a few per snapshot, like `step`'s lists.
  if (answers === null || answers.length < STEPS_PER_TYPE) {
    const fields = plainFields(ev);
    if (fields !== null) {
      info.answers ??= [];
      info.answers.push({ keys: fields.keys, vals: fields.vals, answer });
    }
  }
  return answer;
}

/** Snapshots rebuilt by `restore`, per machine and spelling of (value, context): immutable, so shared. */
const restored = new WeakMap<AnyStateMachine, Map<string, AnyMachineSnapshot>>();

/**
 * A snapshot rebuilt from persisted plain data (state value and context), e.g. from a saved file.
 * Equal data gives the same snapshot object, so its steps are remembered too.
 */
export function restore<M extends AnyStateMachine>(machine: M, value: unknown, context: unknown): SnapshotFrom<M> {
  const v = plainKeyOf(value);
  const c = v === null ? null : plainKeyOf(context);
  if (c === null) return machine.resolveState({ value, context } as never) as SnapshotFrom<M>;
  const key = v + c;
  const known = entryOf(restored, machine, newMap);
  let snapshot = known.get(key);
  if (!snapshot) {
    if (known.size >= MEMO_LIMIT) known.clear();
    snapshot = machine.resolveState({ value, context } as never) as AnyMachineSnapshot;
    known.set(key, snapshot);
  }
  return snapshot as SnapshotFrom<M>;
}
