/**
 * Copies a simulation's state graph: every plain object, array, Map, Set and class instance
 * reachable from the root, keeping shared references shared (a delivery that sits both in a queue
 * and in a scheduled event stays one object in the copy). Immutable parts are not copied but
 * shared: frozen objects (messages), XState snapshots and machine definitions. A function in the
 * graph is a closure that would still act on the original run, so the copy refuses it and names
 * where it sits.
 */

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
  const seen = memo.get(x);
  if (seen !== undefined) return seen;
  if (isShared(x)) return x;
  if (Array.isArray(x)) {
    const a = new Array(x.length);
    memo.set(x, a);
    for (let i = 0; i < x.length; i++) a[i] = copy(x[i], memo);
    return a;
  }
  if (x instanceof Map) {
    const m = new Map();
    memo.set(x, m);
    for (const [k, v] of x) m.set(copy(k, memo), copy(v, memo));
    return m;
  }
  if (x instanceof Set) {
    const s = new Set();
    memo.set(x, s);
    for (const v of x) s.add(copy(v, memo));
    return s;
  }
  if (x instanceof WeakMap || x instanceof WeakSet || x instanceof Promise) throw new StateCopyError(`simulation state holds a ${x.constructor.name}, which cannot be copied`);
  const o = Object.create(Object.getPrototypeOf(x)) as Record<string, unknown>;
  memo.set(x, o);
  for (const key of Object.keys(x)) o[key] = copy((x as Record<string, unknown>)[key], memo);
  return o;
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
