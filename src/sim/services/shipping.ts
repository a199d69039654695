/**
 * The Shipping service: picks goods from the warehouse. Shipping is naturally idempotent (one
 * shipment per order), and it can only ship units that physically exist.
 */
import { type Handler, ServiceRuntime, type Tx, type World } from '../runtime';
import type { Message, MessageType } from '../types';

/** The Shipping service. */
export class ShippingService extends ServiceRuntime {
  /** Units physically in the warehouse. */
  warehouse: number;
  readonly shipments = new Map<string, { at: number; quantity: number; msgId: string }>();
  readonly lastReply = new Map<string, Message>();
  protected readonly handlers: Partial<Record<MessageType, Handler>>;

  constructor(w: World, skewMs: number, stock: number) {
    super('shipping', w, skewMs);
    this.warehouse = stock;
    this.handlers = {
      ShipOrder: (msg, tx) => {
        const orderId = msg.orderId!;
        if (this.shipments.has(orderId)) {
          this.absorb(msg, 'state');
          return;
        }
        const quantity = Number(msg.payload.quantity);
        if (this.warehouse < quantity) {
          this.w.emit({ t: this.w.sched.now, kind: 'shipment', orderId, ok: false });
          this.reply(tx, msg, 'ShipmentFailed', { reason: 'warehouse empty' });
          return;
        }
        this.warehouse -= quantity;
        this.shipments.set(orderId, { at: this.w.sched.now, quantity, msgId: msg.id });
        this.w.emit({ t: this.w.sched.now, kind: 'shipment', orderId, ok: true });
        this.reply(tx, msg, 'Shipped', { quantity });
      },
    };
  }

  private reply(tx: Tx, cmd: Message, type: MessageType, payload: Message['payload']): void {
    const m = tx.send({ topic: 'shipping.events', type, key: cmd.key, orderId: cmd.orderId, requestId: cmd.requestId, payload });
    this.lastReply.set(cmd.orderId!, m);
  }

  /** Reconciliation: send the last reply for an order again. */
  republish(orderId: string): boolean {
    const m = this.lastReply.get(orderId);
    if (!m || !this.up) return false;
    return this.local((tx) => {
      tx.send({ topic: m.topic, type: m.type, key: m.key, orderId, requestId: m.requestId, payload: m.payload, resend: m });
    });
  }

  figures(): Record<string, number> {
    return { shipped: this.shipments.size, warehouse: this.warehouse, outbox: this.outbox.length, processed: this.processed.size };
  }
}
