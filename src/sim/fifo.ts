/**
 * A first-in, first-out list whose head leaves in constant time. `Array.prototype.shift` moves
 * every element once V8 cannot trim the array in place (a long array, or while the collector is
 * marking), so a partition backlog of 10,000 messages cost ~40 µs per ack and a long overloaded
 * run grew dearer per message. Here the head only moves an index; the dead front is dropped in
 * one copy once it is at least half the array, which keeps each removal O(1) amortised.
 *
 * Plain fields only (an array and a number), so checkpoints copy it like any other state.
 */
export class Fifo<T> {
  private items: T[] = [];
  private head = 0;

  /** How many items are queued. */
  get length(): number {
    return this.items.length - this.head;
  }

  /** The item at position `i` from the head (0 is the head), or undefined past either end. */
  at(i: number): T | undefined {
    return i >= 0 && i < this.items.length - this.head ? this.items[this.head + i] : undefined;
  }

  /** Adds an item at the tail. */
  push(x: T): void {
    this.items.push(x);
  }

  /** Removes and returns the head (undefined when empty). */
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const x = this.items[this.head];
    // The slot is cleared so the collector can free the item; undefined keeps the array packed.
    this.items[this.head] = undefined as T;
    this.head++;
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (this.head >= COMPACT_AT && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return x;
  }

  /** Puts an item in front of the head. */
  unshift(x: T): void {
    if (this.head > 0) this.items[--this.head] = x;
    else this.items.unshift(x);
  }

  /** Removes and returns the item at position `i` (a what-if taking one copy out). */
  removeAt(i: number): T {
    if (i === 0) return this.shift() as T;
    return this.items.splice(this.head + i, 1)[0];
  }

  /** Inserts an item so that it ends up at position `i`. */
  insertAt(i: number, x: T): void {
    this.items.splice(this.head + i, 0, x);
  }

  /** True if some queued item passes the test. */
  some(test: (x: T) => boolean): boolean {
    for (let i = this.head; i < this.items.length; i++) if (test(this.items[i])) return true;
    return false;
  }

  /** The queued items, head first. */
  *[Symbol.iterator](): Iterator<T> {
    for (let i = this.head; i < this.items.length; i++) yield this.items[i];
  }
}

/** Dead slots tolerated at the front before a compaction is considered (small queues never copy). */
const COMPACT_AT = 64;
