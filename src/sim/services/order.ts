/**
 * The Order service: owns orders and orchestrates each order's process (the saga) with one
 * XState actor per order. Commands go out through the bus; replies come back through it.
 */
import { type Actor, createActor } from 'xstate';
import { type OrderCommand, type OrderEnv, type OrderEvent, orderMachine } from '../machines/orderMachine';
import type { Delivery } from '../bus';
import { type Handler, type HandlerResult, ServiceRuntime, type Tx, type World } from '../runtime';
import type { Message, MessageType, OrderState, Topic } from '../types';
import { forwardTo } from './dispatch';

/** One row of the orders table. */
export interface OrderRow {
  id: string;
  requestId: string;
  quantity: number;
  amount: number;
  state: OrderState;
  placedAt: number;
  lastActivity: number;
  /** Stock is held for this order (set on reservation, cleared when a release is sent). */
  reserved: boolean;
  /** The last command sent for this order: what a re-drive would send again. */
  lastCommand: Message | null;
  /** The PlaceOrder message that created it. */
  createdBy: string;
  history: { t: number; state: OrderState }[];
  redrives: number;
  /** The CancelOrder this order refused because it had gone too far to cancel, if any. */
  cancelRefused: string | null;
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

const REPLY_EVENTS: Partial<Record<MessageType, OrderEvent['type']>> = {
  PaymentCaptured: 'PAYMENT_CAPTURED',
  PaymentFailed: 'PAYMENT_FAILED',
  PaymentRefunded: 'PAYMENT_REFUNDED',
  StockReserved: 'STOCK_RESERVED',
  StockRejected: 'STOCK_REJECTED',
  Shipped: 'SHIPPED',
  ShipmentFailed: 'SHIPMENT_FAILED',
};

/** The Order service. */
export class OrderService extends ServiceRuntime {
  readonly orders = new Map<string, OrderRow>();
  readonly byRequest = new Map<string, string[]>();
  /** Cancellations that arrived for a request with no order (yet): the naive service drops them. */
  readonly cancelsIgnored: { requestId: string; msgId: string; t: number }[] = [];
  private counter = 0;
  /** The in-memory order processes; rebuilt from the table after a crash. */
  private actors = new Map<string, Actor<typeof orderMachine>>();
  private tx: Tx | null = null;
  private readonly env: OrderEnv;

  protected readonly handlers: Partial<Record<MessageType, Handler>> = forwardTo(this, [
    'PlaceOrder',
    'CancelOrder',
    'DeadLettered',
    ...(Object.keys(REPLY_EVENTS) as MessageType[]),
  ]);

  constructor(w: World, skewMs: number) {
    super('order', w, skewMs);
    this.env = {
      command: (orderId, command, compensation) => this.command(orderId, command, compensation),
      announce: (orderId, state) => this.announce(orderId, state),
      saga: () => this.w.remedies().saga,
    };
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
        if (msg.orderId && this.orders.has(msg.orderId)) this.drive(msg.orderId, { type: 'DEAD_LETTERED' }, tx, msg);
        return;
      default: {
        const ev = REPLY_EVENTS[msg.type];
        if (msg.orderId && ev && this.orders.has(msg.orderId)) this.drive(msg.orderId, { type: ev } as OrderEvent, tx, msg);
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
      const row = this.orders.get(id)!;
      if (CANCELLED_LIKE.has(row.state)) {
        this.absorb(msg, 'state');
        continue;
      }
      this.drive(id, { type: 'CANCEL' }, tx, msg);
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
    const row: OrderRow = {
      id,
      requestId: msg.requestId,
      quantity,
      amount: quantity * Number(msg.payload.price),
      state: 'PendingPayment',
      placedAt: now,
      lastActivity: now,
      reserved: false,
      lastCommand: null,
      createdBy: msg.id,
      history: [{ t: now, state: 'PendingPayment' }],
      redrives: 0,
      cancelRefused: null,
    };
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

  /** Feeds one event to an order's process inside the current transaction. */
  private drive(orderId: string, ev: OrderEvent, tx: Tx, msg: Message): void {
    const row = this.orders.get(orderId)!;
    const actor = this.actorFor(row);
    this.tx = tx;
    const before = row.state;
    const sentBefore = tx.messages.length;
    actor.send(ev);
    const after = actor.getSnapshot().value as OrderState;
    this.tx = null;
    row.lastActivity = this.w.sched.now;
    if (after !== before) {
      row.state = after;
      row.history.push({ t: this.w.sched.now, state: after });
      this.w.emit({ t: this.w.sched.now, kind: 'state', orderId, from: before, to: after, cause: msg.id });
    } else if (tx.messages.length === sentBefore) {
      // The process didn't expect this event in its state: a natural no-op.
      this.absorb(msg, 'state');
    }
  }

  private actorFor(row: OrderRow): Actor<typeof orderMachine> {
    let actor = this.actors.get(row.id);
    if (!actor) {
      const input = { orderId: row.id, env: this.env };
      const snapshot = orderMachine.resolveState({ value: row.state, context: input });
      actor = createActor(orderMachine, { snapshot, input });
      actor.start();
      this.actors.set(row.id, actor);
    }
    return actor;
  }

  private command(orderId: string, command: OrderCommand, compensation: boolean): void {
    const row = this.orders.get(orderId)!;
    const tx = this.tx!;
    const poisonable = command === 'ReserveStock' || command === 'ShipOrder';
    if (compensation) this.w.healed.compensated++;
    if (command === 'ReleaseStock') row.reserved = false;
    if (command === 'ShipOrder') row.reserved = true; // reached via STOCK_RESERVED in PaymentAuthorized
    const m = tx.send({
      topic: COMMAND_TOPIC[command],
      type: command,
      key: orderId,
      orderId,
      requestId: row.requestId,
      payload: { quantity: row.quantity, amount: row.amount },
      poison: poisonable && this.w.rng.chance(this.w.faults().poison),
    });
    row.lastCommand = m;
  }

  private announce(orderId: string, state: OrderState): void {
    const row = this.orders.get(orderId)!;
    let type = ANNOUNCE[state];
    if (state === 'RefundPending') {
      // Cancelling an active order is news to the customer; a late refund of a cancelled one isn't.
      type = row.state === 'Cancelled' || row.state === 'Refunded' ? 'OrderRefundPending' : 'OrderCancelled';
    }
    if (!type) return;
    this.tx!.send({ topic: 'order.events', type, key: orderId, orderId, requestId: row.requestId, payload: { state, amount: row.amount } });
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
    const row = this.orders.get(orderId);
    if (row) row.redrives++;
  }

  /** Reconciliation found stock still held for an order called off: ask Inventory to release it. */
  releaseStock(orderId: string): boolean {
    const row = this.orders.get(orderId);
    if (!row || !this.up || !(row.state === 'Cancelled' || row.state === 'Refunded')) return false;
    return this.local((tx) => {
      row.reserved = false;
      tx.send({ topic: 'inventory.commands', type: 'ReleaseStock', key: orderId, orderId, requestId: row.requestId, payload: { quantity: row.quantity, amount: row.amount } });
    });
  }

  protected override onCrash(): void {
    this.actors = new Map();
  }

  figures(): Record<string, number> {
    let active = 0;
    for (const o of this.orders.values()) if (!['Shipped', 'Cancelled', 'Refunded', 'RequiresManualReview'].includes(o.state)) active++;
    return { orders: this.orders.size, active, outbox: this.outbox.length, processed: this.processed.size };
  }
}
