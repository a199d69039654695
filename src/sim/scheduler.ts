/**
 * Virtual time and a discrete-event scheduler: a binary min-heap ordered by time, ties broken by
 * insertion order, so two events at the same instant always run in the order they were scheduled.
 * Events are plain data (see events.ts); the engine runs them, the scheduler only orders them.
 */
import type { SimEvent } from './events';

/** One entry of the heap. */
export interface Scheduled {
  t: number;
  seq: number;
  /** Periodic upkeep (reconciliation ticks): doesn't keep a run from counting as quiet. */
  housekeeping: boolean;
  ev: SimEvent;
}

/** The simulation clock and its event queue. */
export class Scheduler {
  now = 0;
  private heap: Scheduled[] = [];
  private seq = 0;
  private work = 0;
  /** Whether the event taken by the last `next` was housekeeping. */
  lastWasHousekeeping = false;

  /** Schedules `ev` at virtual time `t` (never earlier than now). */
  at(t: number, ev: SimEvent, housekeeping = false): void {
    const item: Scheduled = { t: Math.max(t, this.now), seq: this.seq++, housekeeping, ev };
    if (!housekeeping) this.work++;
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (less(h[p], item)) break;
      h[i] = h[p];
      i = p;
    }
    h[i] = item;
  }

  /** Schedules `ev` after `delay` ms of virtual time. */
  after(delay: number, ev: SimEvent, housekeeping = false): void {
    this.at(this.now + delay, ev, housekeeping);
  }

  /** Time of the next event, or null when nothing is scheduled. */
  peekTime(): number | null {
    return this.heap.length ? this.heap[0].t : null;
  }

  /** True while some non-housekeeping work is scheduled. */
  get busy(): boolean {
    return this.work > 0;
  }

  get size(): number {
    return this.heap.length;
  }

  /** Removes the next event and advances the clock to it; null when empty. The caller runs it. */
  next(): SimEvent | null {
    const h = this.heap;
    if (!h.length) return null;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      let i = 0;
      const n = h.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && less(h[r], h[l]) ? r : l;
        if (less(last, h[c])) break;
        h[i] = h[c];
        i = c;
      }
      h[i] = last;
    }
    if (!top.housekeeping) this.work--;
    this.lastWasHousekeeping = top.housekeeping;
    this.now = top.t;
    return top.ev;
  }

  /** Every scheduled entry, in heap order (for tests that look for closures). */
  entries(): readonly Scheduled[] {
    return this.heap;
  }
}

function less(x: Scheduled, y: Scheduled): boolean {
  return x.t < y.t || (x.t === y.t && x.seq < y.seq);
}
