/** Nested memo tables: the one get-or-create step the step and path memos take at every level. */

interface Table<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/** The entry of `table` at `key`, made by `make` and stored the first time it is asked for. */
export function entryOf<K, V>(table: Table<K, V>, key: K, make: () => NoInfer<V>): V {
  let v = table.get(key);
  if (v === undefined) {
    v = make();
    table.set(key, v);
  }
  return v;
}

/** A fresh Map, as a shared factory so callers on hot paths allocate no closure. */
export const newMap = <K, V>(): Map<K, V> => new Map<K, V>();
