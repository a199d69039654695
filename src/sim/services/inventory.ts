/**
 * The Inventory service: the stock count and reservations. It runs one consumer instance per
 * partition of its command topic, and a reservation reads the stock, then writes it back after
 * `raceWindowMs` — so without a conditional update, two instances can sell the same last unit.
 */
import type { Delivery } from '../bus';
import { initialSnapshot } from '../machines/initial';
import { notePath, type PathEntry } from '../machines/path';
import { type Command, restore, step } from '../machines/pure';
import { type ReservationSnapshot, reservationMachine } from '../machines/reservationMachine';
import { type HandlerResult, ServiceRuntime, type ServiceTimer, type Tx, type World } from '../runtime';
import { own } from '../rows';
import type { Message, MessageType } from '../types';

/** The Inventory service. */
export class InventoryService extends ServiceRuntime {
  available: number;
  /** Units promised to orders by live reservations. */
  promised = 0;
  readonly reservations = new Map<string, { quantity: number; at: number }>();
  /**
   * Units held by `reservations`, kept with every write to it: reconciliation reads the recount
   * once a round, and summing a table that keeps every shipped order's row grew with the run.
   */
  private held = 0;
  /** Orders whose reservation pushed the promised units past the stock that exists. */
  readonly oversold: { orderId: string; msgId: string; t: number }[] = [];
  readonly history: { t: number; available: number }[];
  /** Reservations written from a stale read, overwriting someone else's write. */
  readonly lostUpdates: { orderId: string; msgId: string; t: number }[] = [];
  /** Each order's latest reservation machine (a repeated ReserveStock starts a new one). */
  readonly machines = new Map<string, ReservationSnapshot>();
  /** Where each order's reservation machines have been (for the statechart view; not in the trace). */
  readonly paths = new Map<string, PathEntry[]>();

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
    const orderId = msg.orderId!;
    const res = this.reservations.get(orderId);
    if (!res) return; // nothing held (yet): a naive release does nothing
    // The ledger decides (it may hold units from an earlier attempt); the machine records the release.
    const m = this.machines.get(orderId);
    if (m) {
      const released = step(reservationMachine, m, { type: 'RELEASE' });
      this.track(orderId, m, released.snapshot, { type: 'RELEASE' }, released.commands);
      this.machines.set(orderId, released.snapshot);
    }
    this.reservations.delete(orderId);
    this.held -= res.quantity;
    this.promised -= res.quantity;
    this.setAvailable(this.available + res.quantity, orderId, res.quantity, 0, 'release');
    this.answer(tx, msg, 'StockReleased');
  }

  /** Reads the stock and starts a reservation; inside a race window the write comes later. */
  private reserveStep(msg: Message, tx: Tx, instance: number): HandlerResult {
    const window = this.w.faults().raceWindowMs;
    const begin = initialSnapshot(reservationMachine);
    const first = step(reservationMachine, begin, { type: 'READ', quantity: Number(msg.payload.quantity), read: this.available, windowMs: Math.max(0, window) });
    this.track(msg.orderId!, begin, first.snapshot, { type: 'READ' }, first.commands);
    this.machines.set(msg.orderId!, first.snapshot);
    this.apply(msg, first.commands, tx, instance);
    if (!first.snapshot.matches('deciding')) return;
    // The reservation waiting in its window travels as its persisted form (state + context), one
    // per delivery: a redelivered copy of the same message can sit in the window at the same time.
    const { quantity, read, windowMs } = first.snapshot.context;
    return { laterMs: window, next: { type: 'finishReserve', instance, quantity, read, windowMs } };
  }

  /** The second step of a reservation, once the race window has passed. */
  protected override finishLater(next: ServiceTimer, tx: Tx, msg: Message): void {
    if (next.type !== 'finishReserve') return;
    const deciding = restore(reservationMachine, 'deciding', { quantity: Number(next.quantity), read: Number(next.read), windowMs: Number(next.windowMs) });
    // With a conditional update a stale read is read again (compare-and-set); a plain write is not.
    const written = step(reservationMachine, deciding, { type: 'WRITE', available: this.available, conditional: this.w.remedies().conditionalUpdate });
    this.track(msg.orderId!, deciding, written.snapshot, { type: 'WRITE' }, written.commands);
    this.machines.set(msg.orderId!, written.snapshot);
    this.apply(msg, written.commands, tx, Number(next.instance));
  }

  /** Notes a reservation's step on its order's path. */
  private track(orderId: string, before: ReservationSnapshot, after: ReservationSnapshot, event: { type: string }, commands: readonly Command[]): void {
    const path = own(this.paths, orderId) ?? [];
    if (path.length === 0) this.paths.set(orderId, path);
    notePath(path, this.w.sched.now, reservationMachine, before, after, event, commands);
  }

  private apply(msg: Message, commands: Command[], tx: Tx, instance: number): void {
    for (const c of commands) {
      if (c.type === 'reserve') this.reserve(msg, tx, Number(c.params.base), instance);
      else if (c.type === 'reject') this.answer(tx, msg, 'StockRejected');
      else if (c.type === 'casRetry') {
        // Compare-and-set failed: someone wrote in between. Read again and decide again.
        this.w.emit({ t: this.w.sched.now, kind: 'stock', orderId: msg.orderId!, delta: 0, available: this.available, instance, why: 'compare-and-set failed, re-read' });
      }
    }
  }

  /** Writes a reservation decided on a read of `base` units (stale if someone wrote since). */
  private reserve(msg: Message, tx: Tx, base: number, instance: number): void {
    const orderId = msg.orderId!;
    const quantity = Number(msg.payload.quantity);
    if (base !== this.available) this.lostUpdates.push({ orderId, msgId: msg.id, t: this.w.sched.now });
    if (!this.reservations.has(orderId)) {
      this.promised += quantity;
      if (this.promised > this.initial) this.oversold.push({ orderId, msgId: msg.id, t: this.w.sched.now });
    }
    this.held += quantity - (this.reservations.get(orderId)?.quantity ?? 0);
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
    return Math.max(0, this.initial - this.held);
  }

  /**
   * Reconciliation: recount the stock from the reservation table, as one local step. Not while
   * a reservation is half done (read, not yet written): the recount would be overwritten.
   */
  recount(): { from: number; to: number } | null {
    if (!this.up || this.handling.length > 0) return null;
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
