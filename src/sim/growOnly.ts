/**
 * Grow-only tables that checkpoints share instead of copying. Every message ever made, every id a
 * consumer processed, every message ever delivered: these only grow, so a copy needs no more than
 * the shared entries and how many of them are its own (its length). A copy that appends where the
 * shared entries already go on (a restored run replaying what the original did next) moves its
 * length on when the next entry is the same; when it differs (a steered run), or an entry is
 * overwritten while others may read it, the copy takes its own entries first (copy-on-write).
 *
 * Values are shared between copies, never copied: they must be primitives or frozen objects (set()
 * refuses anything else). Frozen values with the same content count as the same entry, so a replay
 * that makes equal messages afresh still shares the original's.
 */
import { StateCopyError } from './copyState';
import { idLetter, idNumber } from './idNumber';

/**
 * Entries in the order they were added; read by every table that shares it, each up to its length.
 * Ids spelled as one letter and a number (`m123`, the engine's message ids) find their index in a
 * plain array by that number (idNumber.ts); other keys go by the Map. Which letter takes the array is fixed by the first
 * key of that form, so a key is always looked up where it was put.
 */
class Entries<K, V> {
  readonly vals: V[] = [];
  /** Keys by index, so the n-th key is found without walking the tables below. */
  readonly keys: K[] = [];
  /** Where each other key sits. Keys are unique: only a table that sees every entry appends. */
  readonly at = new Map<K, number>();
  /** Index of each numbered id, by its number (a hole: absent). */
  readonly numbered: number[] = [];
  /** The letter numbered ids start with here (a char code), or -1 before the first one. */
  letter = -1;
}

/** The index of key `k` in `e`, if it is there. */
function indexIn<K>(e: Entries<K, unknown>, k: K): number | undefined {
  const n = idNumber(k, e.letter);
  return n >= 0 ? e.numbered[n] : e.at.get(k);
}

/** Appends entry `k` → `v` to `e`; `n` is the key's number if the caller has read it (else -1). */
function append<K, V>(e: Entries<K, V>, k: K, v: V, n = -1): void {
  const i = e.vals.length;
  if (e.letter < 0) e.letter = idLetter(k);
  if (n < 0) n = idNumber(k, e.letter);
  if (n >= 0) e.numbered[n] = i;
  else e.at.set(k, i);
  e.keys.push(k);
  e.vals.push(v);
}

/** A Map that only grows (no delete), shared by length between checkpoint copies. */
export class GrowMap<K, V> implements ReadonlyMap<K, V> {
  private log = new Entries<K, V>();
  private len = 0;
  /** False once a copy may read the same entries: overwriting then copies them first. */
  private alone = true;

  /** Entries held. */
  get size(): number {
    return this.len;
  }

  get(k: K): V | undefined {
    const i = indexIn(this.log, k);
    return i !== undefined && i < this.len ? this.log.vals[i] : undefined;
  }

  has(k: K): boolean {
    const i = indexIn(this.log, k);
    return i !== undefined && i < this.len;
  }

  set(k: K, v: V): this {
    const e = this.log;
    // The key's number is read once, for both the lookup and the append.
    const n = idNumber(k, e.letter);
    const i = n >= 0 ? e.numbered[n] : e.at.get(k);
    // The very value already held (a message published again): nothing to check or change.
    if (i !== undefined && i < this.len && Object.is(e.vals[i], v)) return this;
    checkShareable(k);
    checkShareable(v);
    if (i !== undefined) {
      if (i < this.len) {
        if (sameValue(e.vals[i], v)) return this;
        if (!this.alone) this.ownEntries();
        this.log.vals[i] = v;
        return this;
      }
      // Another table sharing these entries got here first: follow it if it added the same next.
      if (i === this.len && sameValue(e.vals[i], v)) {
        this.len++;
        return this;
      }
      this.ownEntries();
    } else if (e.vals.length > this.len) this.ownEntries();
    // ownEntries() makes a new log whose letter is the same, so the number still holds.
    append(this.log, k, v, n);
    this.len++;
    return this;
  }

  *keys(): MapIterator<K> {
    const { keys } = this.log;
    for (let i = 0; i < this.len; i++) yield keys[i];
  }

  *values(): MapIterator<V> {
    const { vals } = this.log;
    for (let i = 0; i < this.len; i++) yield vals[i];
  }

  *entries(): MapIterator<[K, V]> {
    const { keys, vals } = this.log;
    for (let i = 0; i < this.len; i++) yield [keys[i], vals[i]];
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(fn: (v: V, k: K, map: ReadonlyMap<K, V>) => void): void {
    const { keys, vals } = this.log;
    const n = this.len;
    for (let i = 0; i < n; i++) fn(vals[i], keys[i], this);
  }

  /** @internal A copy for a checkpoint (copyState): O(1), shares the entries. */
  fork(): GrowMap<K, V> {
    const c = Object.create(GrowMap.prototype) as GrowMap<K, V>;
    c.log = this.log;
    c.len = this.len;
    c.alone = false;
    this.alone = false;
    return c;
  }

  /** Takes a private copy of this table's own entries (and only those). */
  private ownEntries(): void {
    const old = this.log;
    const e = new Entries<K, V>();
    for (let i = 0; i < this.len; i++) append(e, old.keys[i], old.vals[i]);
    this.log = e;
    this.alone = true;
  }
}

/** A Set that only grows (no delete), shared by length between checkpoint copies. */
export class GrowSet<T> {
  private readonly map: GrowMap<T, true>;

  constructor(map?: GrowMap<T, true>) {
    this.map = map ?? new GrowMap<T, true>();
  }

  /** Members held. */
  get size(): number {
    return this.map.size;
  }

  has(x: T): boolean {
    return this.map.has(x);
  }

  add(x: T): this {
    this.map.set(x, true);
    return this;
  }

  values(): MapIterator<T> {
    return this.map.keys();
  }

  [Symbol.iterator](): MapIterator<T> {
    return this.map.keys();
  }

  /** @internal A copy for a checkpoint (copyState): O(1), shares the members. */
  fork(): GrowSet<T> {
    return new GrowSet(this.map.fork());
  }
}

/** Values every sharing table reads must never change: primitives or frozen objects only. */
function checkShareable(v: unknown): void {
  if (typeof v === 'function') throw new StateCopyError('a grow-only table was given a function (a closure)');
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) throw new StateCopyError('a grow-only table was given an object that is not frozen');
}

/** Same primitive, same object, or two frozen objects with equal content (a replay's fresh message). */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (!Object.isFrozen(a) || !Object.isFrozen(b)) return false;
  return equalData(a, b);
}

/** Deep equality of plain data (objects, arrays, primitives). */
function equalData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k) || !equalData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}
