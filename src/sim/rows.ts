/**
 * Row ownership: copy on first write after a restore.
 *
 * A checkpoint freezes its copies of the rows of the tables `rowTables` names (and the arrays and
 * plain records a row holds). Frozen objects are shared as they are by every copy (copyState.ts),
 * so restoring a checkpoint rebuilds those tables' Maps but copies none of their rows: the restored
 * run borrows them from the checkpoint. Before a service writes a row it calls `own`, which hands
 * back the row itself when the run already owns it, or else puts a thawed copy in its place. The
 * checkpoint is never changed, and a write site that forgot `own` throws (strict-mode assignment to
 * a frozen object) instead of quietly changing a checkpoint that other runs share.
 *
 * The live run a checkpoint was taken from keeps its own rows (the checkpoint copied them), so
 * `own` costs it one `Object.isFrozen` per call; a restored run pays one row copy per row it writes.
 */
import type { Services } from './world';

/**
 * The tables whose rows a checkpoint freezes and a restore shares: each row is written only
 * through `own` (or replaced whole with `set`), and no other table holds the same row object.
 */
export function rowTables(s: Services): ReadonlySet<object> {
  return new Set<object>([
    s.order.orders,
    s.order.byRequest,
    s.customer.requests,
    s.inventory.paths,
    s.inventory.reservations,
    s.inventory.history,
    s.shipping.paths,
    s.shipping.shipments,
    s.notification.paths,
    s.notification.emails,
    s.analytics.rows,
  ]);
}

/**
 * The row at `key`, owned by this run: a frozen row (borrowed from a checkpoint) is replaced in
 * `table` by a thawed copy first. Undefined when there is none.
 */
export function own<K, V extends object>(table: Map<K, V>, key: K): V | undefined {
  const row = table.get(key);
  if (row === undefined || !Object.isFrozen(row)) return row;
  const mine = thaw(row);
  table.set(key, mine);
  return mine;
}

/** A writable copy of a frozen row: same prototype and fields, its arrays copied (their items stay shared: a row only appends). */
function thaw<V extends object>(row: V): V {
  if (Array.isArray(row)) return row.slice() as V;
  const copy = Object.assign(Object.create(Object.getPrototypeOf(row) as object | null) as object, row) as Record<string, unknown>;
  for (const key in copy) {
    const v = copy[key];
    if (Array.isArray(v) && Object.isFrozen(v)) copy[key] = v.slice();
  }
  return copy as V;
}

/**
 * Freezes a checkpoint's copy of a row: the row, the arrays it holds and the plain records in
 * them (an order's history entries). Messages and machine snapshots in it are immutable already
 * (`immutable` says which); any other object in a row could not be shared safely, so it is refused.
 */
export function freezeRow(row: unknown, immutable: (x: object) => boolean): void {
  if (typeof row !== 'object' || row === null || Object.isFrozen(row)) return;
  if (Array.isArray(row)) {
    for (const item of row) freezeRecord(item);
  } else {
    for (const [key, v] of Object.entries(row)) {
      if (typeof v !== 'object' || v === null || immutable(v)) continue;
      if (!Array.isArray(v)) throw new Error(`a row holds a changeable object in "${key}", which a checkpoint cannot share (rows.ts)`);
      for (const item of v) freezeRecord(item);
      Object.freeze(v);
    }
  }
  Object.freeze(row);
}

/** Freezes a plain record (prototype Object) held in a row's array; anything else is left alone. */
function freezeRecord(x: unknown): void {
  if (typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === Object.prototype) Object.freeze(x);
}
