/**
 * The Order service: owns orders and orchestrates each order's process (the saga) with one
 * XState actor per order. Commands go out through the bus; replies come back through it.
 */
import { type AnnounceParams, type OrderCommand, type OrderEventType, type OrderSnapshot, orderMachine, REPLY_EVENTS, type SendParams } from '../machines/orderMachine';
import { initialSnapshot } from '../machines/initial';
import { can, step } from '../machines/pure';
import type { Delivery } from '../bus';
import { type HandlerResult, ServiceRuntime, type Tx, type World } from '../runtime';
import { own } from '../rows';
import type { Message, MessageType, OrderState, Topic } from '../types';

/** One row of the orders table. Its state is read from its process's snapshot, never copied. */
export class OrderRow {
  /** The order process's snapshot (immutable; replaced on every transition). */
  machine: OrderSnapshot;
  lastActivity: number;
  /** Stock is held for this order (set on reservation, cleared when a release is sent). */
  reserved = false;
  /** The last command sent for this order: what a re-drive would send again. */
  lastCommand: Message | null = null;
  history: { t: number; state: OrderState }[];
  redrives = 0;
  /** The CancelOrder this order refused because it had gone too far to cancel, if any. */
  cancelRefused: string | null = null;

  constructor(
    readonly id: string,
    readonly requestId: string,
    readonly quantity: number,
    readonly amount: number,
    readonly placedAt: number,
    /** The PlaceOrder message that created it. */
    readonly createdBy: string,
  ) {
    this.machine = initialSnapshot(orderMachine);
    this.lastActivity = placedAt;
    this.history = [{ t: placedAt, state: this.state }];
  }

  /** Where the order's process is now. */
  get state(): OrderState {
    return this.machine.value as OrderState;
  }
}

/** States in which a cancellation has been carried out (the order will not ship). */
const CANCELLED_LIKE: ReadonlySet<OrderState> = new Set<OrderState>(['Cancelled', 'RefundPending', 'Refunded']);

const COMMAND_TOPIC: Record<OrderCommand, Topic> = {
  ReserveStock: 'inventory.commands',
  ReleaseStock: 'inventory.commands',
  ShipOrder: 'shipping.commands',
  RefundPayment: 'payment.commands',
};

const ANNOUNCE: Partial<Record<OrderState, MessageType>> = {
  PaymentAuthorized: 'OrderPaid',
  Confirmed: 'OrderConfirmed',
  Shipped: 'OrderShipped',
  Cancelled: 'OrderCancelled',
  Refunded: 'OrderRefunded',
  RequiresManualReview: 'OrderNeedsReview',
};


/** The Order service. */
export class OrderService extends ServiceRuntime {
  readonly orders = new Map<string, OrderRow>();
  readonly byRequest = new Map<string, string[]>();
  /** Cancellations that arrived for a request with no order (yet): the naive service drops them. */
  readonly cancelsIgnored: { requestId: string; msgId: string; t: number }[] = [];
  private counter = 0;

  constructor(w: World, skewMs: number) {
    super('order', w, skewMs);
  }

  /** Handles a customer request, a reply from another service, or a dead-lettered command. */
  handle(msg: Message, tx: Tx, _d: Delivery): HandlerResult {
    switch (msg.type) {
      case 'PlaceOrder':
        this.place(msg, tx);
        return;
      case 'CancelOrder':
        this.cancel(msg, tx);
        return;
      case 'DeadLettered':
        if (msg.orderId && this.orders.has(msg.orderId)) this.drive(msg.orderId, 'DEAD_LETTERED', tx, msg);
        return;
      default: {
        const ev = REPLY_EVENTS[msg.type];
        if (msg.orderId && ev && this.orders.has(msg.orderId)) this.drive(msg.orderId, ev, tx, msg);
      }
    }
  }

  private cancel(msg: Message, tx: Tx): void {
    const ids = this.byRequest.get(msg.requestId) ?? [];
    if (ids.length === 0) {
      this.cancelsIgnored.push({ requestId: msg.requestId, msgId: msg.id, t: this.w.sched.now });
      this.absorb(msg, 'state');
    }
    for (const id of ids) {
      const row = own(this.orders, id)!;
      if (CANCELLED_LIKE.has(row.state)) {
        this.absorb(msg, 'state');
        continue;
      }
      this.drive(id, 'CANCEL', tx, msg);
      // Too late (confirmed or shipped): say no. Under manual review the cancel is the
      // reviewer's to decide, so nothing is promised either way.
      if (row.state === 'Confirmed' || row.state === 'Shipped') this.refuseCancel(row, msg, tx);
    }
  }

  private place(msg: Message, tx: Tx): void {
    const r = this.w.remedies();
    const existing = this.byRequest.get(msg.requestId);
    if (r.idempotencyKey && existing && existing.length > 0) {
      // Same request id: answer with the order we already have.
      this.absorb(msg, 'idempotencyKey');
      tx.send({ topic: 'customer.replies', type: 'OrderAccepted', key: msg.requestId, orderId: existing[0], requestId: msg.requestId, payload: { orderId: existing[0] } });
      return;
    }
    const now = this.w.sched.now;
    const id = `o${++this.counter}`;
    const quantity = Number(msg.payload.quantity);
    const row = new OrderRow(id, msg.requestId, quantity, quantity * Number(msg.payload.price), now, msg.id);
    this.orders.set(id, row);
    this.byRequest.set(msg.requestId, [...(existing ?? []), id]);
    this.w.emit({ t: now, kind: 'state', orderId: id, from: null, to: 'PendingPayment', cause: msg.id });
    tx.send({ topic: 'customer.replies', type: 'OrderAccepted', key: msg.requestId, orderId: id, requestId: msg.requestId, payload: { orderId: id } });
    tx.send({ topic: 'order.events', type: 'OrderPlaced', key: id, orderId: id, requestId: msg.requestId, payload: { state: 'PendingPayment', amount: row.amount } });
    row.lastCommand = tx.send({
      topic: 'payment.commands',
      type: 'ChargePayment',
      key: id,
      orderId: id,
      requestId: msg.requestId,
      payload: { amount: row.amount },
      poison: this.w.rng.chance(this.w.faults().poison),
    });
  }

  /** Too late to cancel (confirmed, shipped or under review): say so rather than stay silent. */
  private refuseCancel(row: OrderRow, msg: Message, tx: Tx): void {
    row.cancelRefused = msg.id;
    tx.send({ topic: 'customer.replies', type: 'CancelRefused', key: row.requestId, orderId: row.id, requestId: row.requestId, payload: { orderId: row.id, state: row.state } });
  }

  /** Feeds one event to an order's process and applies the commands it returns, inside the transaction. */
  private drive(orderId: string, type: OrderEventType, tx: Tx, msg: Message): void {
    const row = own(this.orders, orderId)!;
    const before = row.state;
    const event = { type, saga: this.w.remedies().saga };
    const { snapshot, commands } = step(orderMachine, row.machine, event);
    row.lastActivity = this.w.sched.now;
    // XState hands back the same snapshot both for an event no state accepts and for an accepted
    // transition that only runs actions (a late compensation); the machine's own can() tells them apart.
    if (snapshot === row.machine && !can<typeof orderMachine>(row.machine, event)) {
      // The process does not expect this event in its state: a natural no-op.
      this.absorb(msg, 'state');
      return;
    }
    row.machine = snapshot;
    for (const c of commands) {
      if (c.type === 'send') this.command(row, c.params as unknown as SendParams, tx);
      else if (c.type === 'announce') this.announce(row, (c.params as unknown as AnnounceParams).state, before, tx);
    }
    if (row.state !== before) {
      row.history.push({ t: this.w.sched.now, state: row.state });
      this.w.emit({ t: this.w.sched.now, kind: 'state', orderId, from: before, to: row.state, cause: msg.id });
    }
  }

  private command(row: OrderRow, { command, compensation }: SendParams, tx: Tx): void {
    const poisonable = command === 'ReserveStock' || command === 'ShipOrder';
    if (compensation) this.w.healed.compensated++;
    if (command === 'ReleaseStock') row.reserved = false;
    if (command === 'ShipOrder') row.reserved = true; // reached via STOCK_RESERVED in PaymentAuthorized
    row.lastCommand = tx.send({
      topic: COMMAND_TOPIC[command],
      type: command,
      key: row.id,
      orderId: row.id,
      requestId: row.requestId,
      payload: { quantity: row.quantity, amount: row.amount },
      poison: poisonable && this.w.rng.chance(this.w.faults().poison),
    });
  }

  /** Announces the state the order entered; `from` is the state it left. */
  private announce(row: OrderRow, state: OrderState, from: OrderState, tx: Tx): void {
    let type = ANNOUNCE[state];
    if (state === 'RefundPending') {
      // Cancelling an active order is news to the customer; a late refund of a cancelled one isn't.
      type = from === 'Cancelled' || from === 'Refunded' ? 'OrderRefundPending' : 'OrderCancelled';
    }
    if (!type) return;
    tx.send({ topic: 'order.events', type, key: row.id, orderId: row.id, requestId: row.requestId, payload: { state, amount: row.amount } });
  }

  /** Reconciliation's re-drive: send the order's last command again, as the same message, if the order still waits in `state`. */
  redrive(orderId: string, state: OrderState): boolean {
    const row = this.orders.get(orderId);
    if (!row?.lastCommand || !this.up || row.state !== state) return false;
    const cmd = row.lastCommand;
    return this.local((tx) => {
      tx.send({ topic: cmd.topic, type: cmd.type, key: cmd.key, orderId, requestId: row.requestId, payload: cmd.payload, resend: cmd });
    });
  }

  /** Counts one re-drive attempt of reconciliation (whether it re-sent our command or asked for an answer). */
  countRedrive(orderId: string): void {
    const row = own(this.orders, orderId);
    if (row) row.redrives++;
  }

  /** Reconciliation found stock still held for an order called off: ask Inventory to release it. */
  releaseStock(orderId: string): boolean {
    const row = own(this.orders, orderId);
    if (!row || !this.up || !(row.state === 'Cancelled' || row.state === 'Refunded')) return false;
    return this.local((tx) => {
      row.reserved = false;
      tx.send({ topic: 'inventory.commands', type: 'ReleaseStock', key: orderId, orderId, requestId: row.requestId, payload: { quantity: row.quantity, amount: row.amount } });
    });
  }

  figures(): Record<string, number> {
    let active = 0;
    for (const o of this.orders.values()) if (!['Shipped', 'Cancelled', 'Refunded', 'RequiresManualReview'].includes(o.state)) active++;
    return { orders: this.orders.size, active, outbox: this.outbox.length, processed: this.processed.size };
  }
}
