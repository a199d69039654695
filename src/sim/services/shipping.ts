/**
 * The Shipping service: picks goods from the warehouse. Shipping is naturally idempotent (one
 * shipment per order), and it can only ship units that physically exist.
 */
import type { Delivery } from '../bus';
import { initialSnapshot } from '../machines/initial';
import { notePath, type PathEntry } from '../machines/path';
import { step } from '../machines/pure';
import { type ShipmentSnapshot, shipmentMachine } from '../machines/shipmentMachine';
import { type HandlerResult, ServiceRuntime, type Tx, type World } from '../runtime';
import { own } from '../rows';
import type { Message, MessageType } from '../types';

/** The Shipping service. */
export class ShippingService extends ServiceRuntime {
  /** Units physically in the warehouse. */
  warehouse: number;
  readonly shipments = new Map<string, { at: number; quantity: number; msgId: string }>();
  /** Each order's shipment machine. */
  readonly machines = new Map<string, ShipmentSnapshot>();
  /** Where each order's shipment machine has been (for the statechart view; not in the trace). */
  readonly paths = new Map<string, PathEntry[]>();

  constructor(w: World, skewMs: number, stock: number) {
    super('shipping', w, skewMs);
    this.warehouse = stock;
  }

  /** Handles ShipOrder: picks the goods once per order, if they physically exist. */
  handle(msg: Message, tx: Tx, _d: Delivery): HandlerResult {
    if (msg.type !== 'ShipOrder') return;
    const orderId = msg.orderId!;
    const quantity = Number(msg.payload.quantity);
    const prior = this.machines.get(orderId);
    const before = prior ?? initialSnapshot(shipmentMachine);
    const next = step(shipmentMachine, before, { type: 'SHIP', quantity, warehouse: this.warehouse });
    if (next.snapshot === before) {
      // Already shipped: the shipment machine takes no second ShipOrder.
      this.absorb(msg, 'state');
      return;
    }
    this.machines.set(orderId, next.snapshot);
    const path = own(this.paths, orderId) ?? [];
    if (path.length === 0) this.paths.set(orderId, path);
    notePath(path, this.w.sched.now, shipmentMachine, before, next.snapshot, { type: 'SHIP' }, next.commands);
    for (const c of next.commands) {
      if (c.type === 'pick') {
        this.warehouse -= quantity;
        this.shipments.set(orderId, { at: this.w.sched.now, quantity, msgId: msg.id });
        this.w.emit({ t: this.w.sched.now, kind: 'shipment', orderId, ok: true });
        this.answer(tx, msg, 'Shipped', { quantity });
      } else if (c.type === 'reportEmpty') {
        this.w.emit({ t: this.w.sched.now, kind: 'shipment', orderId, ok: false });
        this.answer(tx, msg, 'ShipmentFailed', { reason: 'warehouse empty' });
      }
    }
  }

  private answer(tx: Tx, cmd: Message, type: MessageType, payload: Message['payload']): void {
    this.reply(tx, { topic: 'shipping.events', type, key: cmd.key, orderId: cmd.orderId, requestId: cmd.requestId, payload });
  }


  figures(): Record<string, number> {
    return { shipped: this.shipments.size, warehouse: this.warehouse, outbox: this.outbox.length, processed: this.processed.size };
  }
}
