/**
 * Copies a simulation's state graph: every plain object, array, Map, Set and class instance
 * reachable from the root, keeping shared references shared (a delivery that sits both in a queue
 * and in a scheduled event stays one object in the copy). Immutable parts are not copied but
 * shared: frozen objects (messages), XState snapshots and machine definitions. A function in the
 * graph is a closure that would still act on the original run, so the copy refuses it and names
 * where it sits. Grow-only tables (growOnly.ts) copy themselves in O(1), sharing their entries.
 */
import { GrowMap, GrowSet } from './growOnly';

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

/**
 * A deep copy of `root`, except the root's own fields named in `replace`, which get the values
 * given there instead (e.g. a fresh listener set).
 */
export function copyState<T extends object>(root: T, replace: Record<string, unknown> = {}): T {
  const memo = new Map<object, unknown>();
  const proto = Object.getPrototypeOf(root) as object | null;
  const out = Object.create(proto) as Record<string, unknown>;
  memo.set(root, out);
  try {
    for (const key of Object.keys(root)) {
      out[key] = key in replace ? replace[key] : copy((root as Record<string, unknown>)[key], memo);
    }
  } catch (e) {
    if (e instanceof StateCopyError) throw new StateCopyError(`${e.message}: ${findClosure(root, Object.keys(replace)) ?? 'somewhere in the state'}`);
    throw e;
  }
  return out as T;
}

function copy(x: unknown, memo: Map<object, unknown>): unknown {
  if (typeof x !== 'object' || x === null) {
    if (typeof x === 'function') throw new StateCopyError('simulation state holds a function (a closure)');
    return x;
  }
  if (isShared(x)) return x;
  const seen = memo.get(x);
  if (seen !== undefined) return seen;
  if (x instanceof GrowMap || x instanceof GrowSet) {
    const f = x.fork();
    memo.set(x, f);
    return f;
  }
  // Native copies first (Map, Set, slice, assign are far cheaper than element-wise rebuilding), then
  // only the slots holding objects are replaced by their copies.
  if (Array.isArray(x)) {
    const a = x.slice();
    memo.set(x, a);
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (typeof v === 'object' ? v !== null : typeof v === 'function') a[i] = copy(v, memo);
    }
    return a;
  }
  if (x instanceof Map) {
    const m = new Map(x);
    memo.set(x, m);
    for (const [k, v] of x) {
      if (typeof k === 'object' || typeof k === 'function') return copyMapSlowly(x, m, memo);
      if (typeof v === 'object' ? v !== null : typeof v === 'function') m.set(k, copy(v, memo));
    }
    return m;
  }
  if (x instanceof Set) {
    const s = new Set(x);
    memo.set(x, s);
    for (const v of x) {
      if (typeof v === 'object' || typeof v === 'function') {
        s.clear();
        for (const w of x) s.add(copy(w, memo));
        break;
      }
    }
    return s;
  }
  if (x instanceof WeakMap || x instanceof WeakSet || x instanceof Promise) throw new StateCopyError(`simulation state holds a ${x.constructor.name}, which cannot be copied`);
  const proto = Object.getPrototypeOf(x);
  const o = (proto === Object.prototype ? { ...x } : Object.assign(Object.create(proto), x)) as Record<string, unknown>;
  memo.set(x, o);
  for (const key in o) {
    const v = o[key];
    if (typeof v === 'object' ? v !== null : typeof v === 'function') o[key] = copy(v, memo);
  }
  return o;
}

/** A Map keyed by objects: keys are copied too. */
function copyMapSlowly(x: Map<unknown, unknown>, m: Map<unknown, unknown>, memo: Map<object, unknown>): Map<unknown, unknown> {
  m.clear();
  for (const [k, v] of x) m.set(copy(k, memo), copy(v, memo));
  return m;
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
