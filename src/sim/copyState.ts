/**
 * Copies a simulation's state graph: every plain object, array, Map, Set and class instance
 * reachable from the root, keeping shared references shared (a delivery that sits both in a queue
 * and in a scheduled event stays one object in the copy). Immutable parts are not copied but
 * shared: frozen objects (messages), XState snapshots and machine definitions. A function in the
 * graph is a closure that would still act on the original run, so the copy refuses it and names
 * where it sits. Grow-only tables (growOnly.ts) copy themselves in O(1), sharing their entries.
 *
 * A checkpoint's copy (`pack`) differs in two ways, so that checkpoints of one run hold little
 * more than what changed between them: it reuses, for every object whose copied fields all equal
 * those of the previous checkpoint's copy of the same object (`prev`), that earlier copy; and it
 * stores each large Map, Set or array as chunks of entries in order (`Packed`), reusing every chunk
 * that equals the previous copy's, so a table of 20,000 settled orders costs its changed chunks only.
 * Checkpoints are never changed, so sharing their parts is safe; restoring unpacks them into
 * fresh Maps and Sets and shares nothing mutable with the checkpoint.
 */
import { GrowMap, GrowSet } from './growOnly';
import { freezeRow } from './rows';

/** State that cannot be copied: the message names the path to the offending value. */
export class StateCopyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateCopyError';
  }
}

/** True for values shared as they are: immutable by contract. */
function isShared(x: object): boolean {
  if (Object.isFrozen(x)) return true;
  // XState snapshots are never changed (a transition makes a new one); machine definitions are code.
  return ('_nodes' in x && 'machine' in x) || '__xstatenode' in x;
}

/** How `copyState` copies: see the module comment. */
export interface CopyOptions {
  /** Make a checkpoint's form: large Maps and Sets packed in chunks, unchanged parts reused from `prev`. */
  pack?: boolean;
  /** The previous checkpoint's memo (original object → its copy then), for reuse. */
  prev?: ReadonlyMap<object, unknown>;
  /** Filled with original object → its copy, to pass as `prev` to the next checkpoint's copy. */
  memo?: Map<object, unknown>;
  /** Counts the words (pointer-sized slots, headers included) of the copies made, not reused. */
  stats?: { words: number };
  /**
   * Tables (live Maps and arrays) whose rows the copy freezes (rows.ts), so that copies of the copy
   * share them until a run writes one. Only for a checkpoint's form (`pack`).
   */
  rows?: ReadonlySet<object>;
}

/** Entries per chunk of a packed Map, Set or array; smaller ones are copied whole. */
const CHUNK = 256;

/** What a `Packed` holds. */
type Kind = 'map' | 'set' | 'array';

/**
 * A Map, Set or array as a checkpoint holds it: its entries in order, in chunks shared with other
 * checkpoints wherever they are equal (a Map's chunk alternates keys and values). Never changed.
 */
class Packed {
  constructor(
    readonly kind: Kind,
    readonly size: number,
    readonly chunks: readonly (readonly unknown[])[],
  ) {}
}

/** One copy in progress: the memo of copies made, and how to make them. */
interface Copier {
  memo: Map<object, unknown>;
  pack: boolean;
  prev: ReadonlyMap<object, unknown> | undefined;
  rows: ReadonlySet<object> | undefined;
  /** Words of the copies made so far (an estimate of the heap they take). */
  words: number;
}

/** Words of a fresh copy, roughly as V8 lays them out: a header of about 3, then 1 per slot (a Map's entry takes about 3). */
const HEADER = 3;

/** The copy of an item of a Map, Set or array, frozen when the table holds rows (see `CopyOptions.rows`). */
function copyItem(v: unknown, c: Copier, rows: boolean): unknown {
  const w = copy(v, c);
  if (rows) freezeRow(w, isShared);
  return w;
}

/**
 * A deep copy of `root`, except the root's own fields named in `replace`, which get the values
 * given there instead (e.g. a fresh listener set).
 */
export function copyState<T extends object>(root: T, replace: Record<string, unknown> = {}, opts: CopyOptions = {}): T {
  const pack = opts.pack === true;
  const c: Copier = { memo: opts.memo ?? new Map(), pack, prev: pack ? opts.prev : undefined, rows: pack ? opts.rows : undefined, words: 0 };
  const proto = Object.getPrototypeOf(root) as object | null;
  const out = Object.create(proto) as Record<string, unknown>;
  c.memo.set(root, out);
  try {
    for (const key of Object.keys(root)) {
      out[key] = key in replace ? replace[key] : copy((root as Record<string, unknown>)[key], c);
    }
  } catch (e) {
    if (e instanceof StateCopyError) throw new StateCopyError(`${e.message}: ${findClosure(root, Object.keys(replace)) ?? 'somewhere in the state'}`);
    throw e;
  }
  if (opts.stats) opts.stats.words += c.words;
  return out as T;
}

function copy(x: unknown, c: Copier): unknown {
  if (typeof x !== 'object' || x === null) {
    if (typeof x === 'function') throw new StateCopyError('simulation state holds a function (a closure)');
    return x;
  }
  if (isShared(x)) return x;
  const memo = c.memo;
  const seen = memo.get(x);
  if (seen !== undefined) return seen;
  if (x instanceof GrowMap || x instanceof GrowSet) {
    const f = x.fork();
    memo.set(x, f);
    return f;
  }
  if (x instanceof Packed) return unpack(x, c);
  // Native copies first (Map, Set, slice, assign are far cheaper than element-wise rebuilding), then
  // only the slots holding objects are replaced by their copies.
  if (Array.isArray(x)) {
    if (c.pack && x.length > CHUNK && Object.getPrototypeOf(x) === Array.prototype) return packEntries(x, 'array', c);
    const a = x.slice();
    memo.set(x, a);
    const rows = c.rows?.has(x) === true;
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (typeof v === 'object' ? v !== null : typeof v === 'function') a[i] = copyItem(v, c, rows);
    }
    return reuse(x, a, c, sameItems, HEADER + a.length);
  }
  if (x instanceof Map) {
    if (c.pack && x.size > CHUNK && Object.getPrototypeOf(x) === Map.prototype) return packEntries(x, 'map', c);
    const m = new Map(x);
    memo.set(x, m);
    const rows = c.rows?.has(x) === true;
    for (const [k, v] of x) {
      if (typeof k === 'object' || typeof k === 'function') return copyMapSlowly(x, m, c);
      if (typeof v === 'object' ? v !== null : typeof v === 'function') m.set(k, copyItem(v, c, rows));
    }
    return reuse(x, m, c, sameEntries, HEADER + 3 * m.size);
  }
  if (x instanceof Set) {
    if (c.pack && x.size > CHUNK && Object.getPrototypeOf(x) === Set.prototype) return packEntries(x, 'set', c);
    const s = new Set(x);
    memo.set(x, s);
    for (const v of x) {
      if (typeof v === 'object' || typeof v === 'function') {
        s.clear();
        for (const w of x) s.add(copy(w, c));
        break;
      }
    }
    return reuse(x, s, c, sameEntries, HEADER + 2 * s.size);
  }
  if (x instanceof WeakMap || x instanceof WeakSet || x instanceof Promise) throw new StateCopyError(`simulation state holds a ${x.constructor.name}, which cannot be copied`);
  const proto = Object.getPrototypeOf(x);
  const o = (proto === Object.prototype ? { ...x } : Object.assign(Object.create(proto), x)) as Record<string, unknown>;
  memo.set(x, o);
  let n = 0;
  for (const key in o) {
    const v = o[key];
    if (typeof v === 'object' ? v !== null : typeof v === 'function') o[key] = copy(v, c);
    n++;
  }
  return reuse(x, o, c, sameFields, HEADER + n);
}

/**
 * The previous checkpoint's copy of `x` when it equals the fresh copy `made` (then the memo says
 * so), else `made`. A cycle back to `x` holds `made`, which no earlier copy holds, so a part of
 * such a cycle never counts as equal and nothing is left pointing at a copy that was dropped.
 */
function reuse<T>(x: object, made: T, c: Copier, same: (a: T, b: unknown) => boolean, words: number): unknown {
  const p = c.prev?.get(x);
  if (p === undefined || !same(made, p)) {
    c.words += words;
    return made;
  }
  c.memo.set(x, p);
  return p;
}

function sameFields(o: Record<string, unknown>, p: unknown): boolean {
  if (typeof p !== 'object' || p === null || Object.getPrototypeOf(p) !== Object.getPrototypeOf(o)) return false;
  const q = p as Record<string, unknown>;
  let n = 0;
  for (const key in o) {
    const v = o[key];
    if (v !== q[key] || (v === undefined && !Object.hasOwn(q, key))) return false;
    n++;
  }
  for (const _ in q) n--;
  return n === 0;
}

function sameItems(a: unknown[], p: unknown): boolean {
  if (!Array.isArray(p) || p.length !== a.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== p[i]) return false;
  return true;
}

function sameEntries(a: Map<unknown, unknown> | Set<unknown>, p: unknown): boolean {
  if (Object.getPrototypeOf(p) !== Object.getPrototypeOf(a)) return false;
  const q = p as Map<unknown, unknown>;
  if (q.size !== a.size) return false;
  // Same keys in the same order, each with the same value (a Set's entries are [v, v]).
  const it = q.entries();
  for (const [k, v] of a.entries()) {
    const r = it.next().value as [unknown, unknown];
    if (r[0] !== k || r[1] !== v) return false;
  }
  return true;
}

/**
 * A checkpoint's form of a large Map or Set (see `Packed`): its entries copied into chunks, each
 * chunk the previous copy's own when equal, which a chunk of settled rows always is.
 */
function packEntries(x: Map<unknown, unknown> | Set<unknown> | unknown[], kind: Kind, c: Copier): Packed {
  const chunks: (readonly unknown[])[] = [];
  const size = Array.isArray(x) ? x.length : x.size;
  const out = new Packed(kind, size, chunks);
  c.memo.set(x, out);
  const p = c.prev?.get(x);
  const before = p instanceof Packed && p.kind === kind ? p.chunks : [];
  const width = kind === 'map' ? 2 * CHUNK : CHUNK;
  const rows = c.rows?.has(x) === true;
  let old = before[0];
  // Slots written so far into the chunk being filled; `cur` stays null while they equal `old`'s.
  let j = 0;
  let cur: unknown[] | null = null;
  let reused = 0;
  const put = (slot: unknown) => {
    if (cur === null) {
      if (old !== undefined && old[j] === slot && j < old.length) {
        j++;
        return;
      }
      cur = old === undefined ? [] : old.slice(0, j);
    }
    cur.push(slot);
    j++;
  };
  const close = () => {
    if (cur === null && old !== undefined && j === old.length) {
      chunks.push(old);
      reused++;
    } else {
      chunks.push(cur ?? (old as readonly unknown[]).slice(0, j));
      c.words += HEADER + j;
    }
    old = before[chunks.length];
    cur = null;
    j = 0;
  };
  if (kind !== 'map') {
    for (const v of x as Set<unknown> | unknown[]) {
      put(typeof v === 'object' || typeof v === 'function' ? copyItem(v, c, rows) : v);
      if (j === width) close();
    }
  } else {
    for (const [k, v] of x as Map<unknown, unknown>) {
      put(typeof k === 'object' || typeof k === 'function' ? copy(k, c) : k);
      put(typeof v === 'object' || typeof v === 'function' ? copyItem(v, c, rows) : v);
      if (j === width) close();
    }
  }
  if (j > 0) close();
  if (p instanceof Packed && reused === chunks.length && chunks.length === before.length && p.size === size) {
    c.memo.set(x, p);
    return p;
  }
  c.words += 2 * HEADER + chunks.length;
  return out;
}

/** A packed Map, Set or array back as a live one, with its objects copied (restoring a checkpoint). */
function unpack(x: Packed, c: Copier): Map<unknown, unknown> | Set<unknown> | unknown[] {
  if (x.kind === 'array') {
    const a: unknown[] = new Array(x.size);
    c.memo.set(x, a);
    let i = 0;
    for (const chunk of x.chunks) for (const v of chunk) a[i++] = typeof v === 'object' && v !== null ? copy(v, c) : v;
    return a;
  }
  if (x.kind === 'set') {
    const s = new Set<unknown>();
    c.memo.set(x, s);
    for (const chunk of x.chunks) for (const v of chunk) s.add(typeof v === 'object' && v !== null ? copy(v, c) : v);
    return s;
  }
  const m = new Map<unknown, unknown>();
  c.memo.set(x, m);
  for (const chunk of x.chunks) {
    for (let i = 0; i < chunk.length; i += 2) {
      const k = chunk[i];
      const v = chunk[i + 1];
      m.set(typeof k === 'object' && k !== null ? copy(k, c) : k, typeof v === 'object' && v !== null ? copy(v, c) : v);
    }
  }
  return m;
}

/** A Map keyed by objects: keys are copied too. */
function copyMapSlowly(x: Map<unknown, unknown>, m: Map<unknown, unknown>, c: Copier): unknown {
  m.clear();
  for (const [k, v] of x) m.set(copy(k, c), copy(v, c));
  return reuse(x, m, c, sameEntries, HEADER + 3 * m.size);
}

/**
 * The path to the first function (or uncopyable object) reachable from `root`, e.g.
 * `s.order.actors.get("o1")`, or null when there is none. For error messages and tests.
 */
export function findClosure(root: object, skip: readonly string[] = []): string | null {
  const seen = new Set<object>();
  const stack: { x: unknown; path: string }[] = [];
  for (const key of Object.keys(root)) if (!skip.includes(key)) stack.push({ x: (root as Record<string, unknown>)[key], path: key });
  while (stack.length) {
    const { x, path } = stack.pop()!;
    if (typeof x === 'function') return path;
    if (typeof x !== 'object' || x === null || seen.has(x) || isShared(x)) continue;
    seen.add(x);
    // Their values were checked when added (primitives or frozen objects only).
    if (x instanceof GrowMap || x instanceof GrowSet) continue;
    if (x instanceof WeakMap || x instanceof WeakSet || x instanceof Promise) return path;
    if (x instanceof Map) {
      for (const [k, v] of x) stack.push({ x: k, path: `${path}.keys()` }, { x: v, path: `${path}.get(${JSON.stringify(k)})` });
    } else if (x instanceof Set) {
      for (const v of x) stack.push({ x: v, path: `${path}.values()` });
    } else if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) stack.push({ x: x[i], path: `${path}[${i}]` });
    } else {
      for (const key of Object.keys(x)) stack.push({ x: (x as Record<string, unknown>)[key], path: `${path}.${key}` });
    }
  }
  return null;
}
