/**
 * Virtual time and a discrete-event scheduler: a binary min-heap ordered by time, ties broken by
 * insertion order, so two events at the same instant always run in the order they were scheduled.
 * Events are plain data (see events.ts); the engine runs them, the scheduler only orders them.
 */
import type { SimEvent } from './events';

/** One entry of the heap, as `entries()` lists it. */
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
  /**
   * The heap as parallel arrays, one slot per entry: its time, its order (twice the insertion
   * number, plus one for housekeeping, so comparing orders compares insertion numbers) and its
   * event. No record is made per scheduled event, and a sift compares numbers in place.
   */
  private times: number[] = [];
  private orders: number[] = [];
  private events: SimEvent[] = [];
  private seq = 0;
  private work = 0;
  /** Whether the event taken by the last `next` was housekeeping. */
  lastWasHousekeeping = false;

  /** Schedules `ev` at virtual time `t` (never earlier than now). */
  at(t: number, ev: SimEvent, housekeeping = false): void {
    const time = Math.max(t, this.now);
    const order = this.seq++ * 2 + (housekeeping ? 1 : 0);
    if (!housekeeping) this.work++;
    const times = this.times;
    const orders = this.orders;
    const events = this.events;
    let i = times.length;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p];
      if (pt < time || (pt === time && orders[p] < order)) break;
      times[i] = pt;
      orders[i] = orders[p];
      events[i] = events[p];
      i = p;
    }
    times[i] = time;
    orders[i] = order;
    events[i] = ev;
  }

  /** Schedules `ev` after `delay` ms of virtual time. */
  after(delay: number, ev: SimEvent, housekeeping = false): void {
    this.at(this.now + delay, ev, housekeeping);
  }

  /** Time of the next event, or null when nothing is scheduled. */
  peekTime(): number | null {
    return this.times.length ? this.times[0] : null;
  }

  /** True while some non-housekeeping work is scheduled. */
  get busy(): boolean {
    return this.work > 0;
  }

  get size(): number {
    return this.times.length;
  }

  /** Removes the next event and advances the clock to it; null when empty. The caller runs it. */
  next(): SimEvent | null {
    const times = this.times;
    const orders = this.orders;
    const events = this.events;
    const n = times.length - 1;
    if (n < 0) return null;
    const topTime = times[0];
    const topOrder = orders[0];
    const top = events[0];
    // The last entry sinks from the root into the hole the top leaves.
    const time = times[n];
    const order = orders[n];
    const ev = events[n];
    times.pop();
    orders.pop();
    events.pop();
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && (times[r] < times[l] || (times[r] === times[l] && orders[r] < orders[l])) ? r : l;
        const ct = times[c];
        if (time < ct || (time === ct && order < orders[c])) break;
        times[i] = ct;
        orders[i] = orders[c];
        events[i] = events[c];
        i = c;
      }
      times[i] = time;
      orders[i] = order;
      events[i] = ev;
    }
    const housekeeping = topOrder % 2 === 1;
    if (!housekeeping) this.work--;
    this.lastWasHousekeeping = housekeeping;
    this.now = topTime;
    return top;
  }

  /** Every scheduled entry, in heap order (for tests that look for closures). */
  entries(): readonly Scheduled[] {
    return this.events.map((ev, i) => ({ t: this.times[i], seq: Math.floor(this.orders[i] / 2), housekeeping: this.orders[i] % 2 === 1, ev }));
  }
}
