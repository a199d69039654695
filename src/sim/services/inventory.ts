/**
 * The Inventory service: the stock count and reservations. It runs one consumer instance per
 * partition of its command topic, and a reservation reads the stock, then writes it back after
 * `raceWindowMs` — so without a conditional update, two instances can sell the same last unit.
 */
import type { Delivery } from '../bus';
import { type HandlerResult, ServiceRuntime, type ServiceTimer, type Tx, type World } from '../runtime';
import type { Message, MessageType } from '../types';

/** The Inventory service. */
export class InventoryService extends ServiceRuntime {
  available: number;
  /** Units promised to orders by live reservations. */
  promised = 0;
  readonly reservations = new Map<string, { quantity: number; at: number }>();
  /** Orders whose reservation pushed the promised units past the stock that exists. */
  readonly oversold: { orderId: string; msgId: string; t: number }[] = [];
  readonly history: { t: number; available: number }[];
  /** Reservations written from a stale read, overwriting someone else's write. */
  readonly lostUpdates: { orderId: string; msgId: string; t: number }[] = [];

  constructor(
    w: World,
    skewMs: number,
    readonly initial: number,
  ) {
    super('inventory', w, skewMs);
    this.available = initial;
    this.history = [{ t: 0, available: initial }];
  }

  /** Handles a command: a reservation (in two steps when there is a race window) or a release. */
  handle(msg: Message, tx: Tx, d: Delivery): HandlerResult {
    if (msg.type === 'ReserveStock') return this.reserveStep(msg, tx, d.partition);
    if (msg.type !== 'ReleaseStock') return;
    const res = this.reservations.get(msg.orderId!);
    if (!res) return; // nothing held (yet): a naive release does nothing
    this.reservations.delete(msg.orderId!);
    this.promised -= res.quantity;
    this.setAvailable(this.available + res.quantity, msg.orderId!, res.quantity, 0, 'release');
    this.answer(tx, msg, 'StockReleased');
  }

  private reserveStep(msg: Message, tx: Tx, instance: number): HandlerResult {
    const window = this.w.faults().raceWindowMs;
    if (window <= 0) {
      this.reserve(msg, tx, this.available, instance);
      return;
    }
    const read = this.available;
    // The second step is named by plain data; the runtime hands it back to `finishLater`.
    return { laterMs: window, next: { type: 'finishReserve', read, instance } };
  }

  /** The second step of a reservation, once the race window has passed. */
  protected override finishLater(next: ServiceTimer, tx: Tx, msg: Message): void {
    if (next.type === 'finishReserve') this.finishReserve(msg, Number(next.read), Number(next.instance), tx);
  }

  /** The write after the race window: with a conditional update, a stale read is read again. */
  private finishReserve(msg: Message, read: number, instance: number, tx: Tx): void {
    let base = read;
    if (this.w.remedies().conditionalUpdate && this.available !== read) {
      // Compare-and-set failed: someone wrote in between. Read again and decide again.
      this.w.emit({ t: this.w.sched.now, kind: 'stock', orderId: msg.orderId!, delta: 0, available: this.available, instance, why: 'compare-and-set failed, re-read' });
      base = this.available;
    }
    this.reserve(msg, tx, base, instance);
  }

  private reserve(msg: Message, tx: Tx, base: number, instance: number): void {
    const orderId = msg.orderId!;
    const quantity = Number(msg.payload.quantity);
    if (base < quantity) {
      this.answer(tx, msg, 'StockRejected');
      return;
    }
    if (base !== this.available) this.lostUpdates.push({ orderId, msgId: msg.id, t: this.w.sched.now });
    if (!this.reservations.has(orderId)) {
      this.promised += quantity;
      if (this.promised > this.initial) this.oversold.push({ orderId, msgId: msg.id, t: this.w.sched.now });
    }
    this.reservations.set(orderId, { quantity, at: this.w.sched.now });
    this.setAvailable(base - quantity, orderId, -quantity, instance, 'reserve');
    this.answer(tx, msg, 'StockReserved');
  }

  private setAvailable(value: number, orderId: string, delta: number, instance: number, why: string): void {
    this.available = value;
    this.history.push({ t: this.w.sched.now, available: value });
    this.w.emit({ t: this.w.sched.now, kind: 'stock', orderId, delta, available: value, instance, why });
  }

  private answer(tx: Tx, cmd: Message, type: MessageType): void {
    this.reply(tx, { topic: 'inventory.events', type, key: cmd.key, orderId: cmd.orderId, requestId: cmd.requestId, payload: { quantity: Number(cmd.payload.quantity) } });
  }


  /** The count Inventory's own reservation table implies (shipped orders keep their reservation). */
  recountValue(): number {
    let held = 0;
    for (const r of this.reservations.values()) held += r.quantity;
    return Math.max(0, this.initial - held);
  }

  /**
   * Reconciliation: recount the stock from the reservation table, as one local step. Not while
   * a reservation is half done (read, not yet written): the recount would be overwritten.
   */
  recount(): { from: number; to: number } | null {
    if (!this.up || this.handling.size > 0) return null;
    const to = this.recountValue();
    const from = this.available;
    if (to === from) return null;
    this.setAvailable(to, '', to - from, 0, 'reconciliation');
    return { from, to };
  }

  figures(): Record<string, number> {
    return { available: this.available, reserved: this.reservations.size, outbox: this.outbox.length, processed: this.processed.size };
  }
}
