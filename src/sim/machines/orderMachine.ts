/**
 * The order process: one machine per order, run by the Order service (the saga orchestrator).
 * States are the in-between moments made explicit; an event the current state does not expect
 * leaves the snapshot as it was, which makes the Order service naturally idempotent for replies
 * it has already seen. The machine executes nothing: its actions are commands (send a command,
 * announce a state) that the service applies inside its local transaction, and its only input
 * from outside is carried on the event (whether saga compensation is switched on).
 */
import { type SnapshotFrom, setup } from 'xstate';
import type { MessageType, OrderState } from '../types';

/** Commands the order process asks its service to send. */
export type OrderCommand = 'ReserveStock' | 'ShipOrder' | 'RefundPayment' | 'ReleaseStock';

/** The events an order's process accepts, translated from bus messages. */
export type OrderEventType = 'PAYMENT_CAPTURED' | 'PAYMENT_FAILED' | 'PAYMENT_REFUNDED' | 'STOCK_RESERVED' | 'STOCK_REJECTED' | 'SHIPPED' | 'SHIPMENT_FAILED' | 'CANCEL' | 'DEAD_LETTERED';

/** One event, with the one outside fact a guard may read: is saga compensation on right now. */
export interface OrderEvent {
  type: OrderEventType;
  saga: boolean;
}

/** The `send` action's parameters. */
export interface SendParams {
  command: OrderCommand;
  compensation: boolean;
}

/** The `announce` action's parameters. */
export interface AnnounceParams {
  state: OrderState;
}

const send = (command: OrderCommand, compensation: boolean) => ({ type: 'send', params: { command, compensation } }) as const;
const announce = (state: OrderState) => ({ type: 'announce', params: { state } }) as const;

/**
 * A charge or a reservation that lands after the order was given up: only a saga gives the
 * money back and the stock up. Shared by the states that end an order without shipping it.
 */
const LATE_ARRIVALS = {
  PAYMENT_CAPTURED: { guard: 'saga', target: 'RefundPending', actions: send('RefundPayment', true) },
  STOCK_RESERVED: { guard: 'saga', actions: send('ReleaseStock', true) },
} as const;

/** Order process machine. States that end an order still react to late events when the saga is on. */
export const orderMachine = setup({
  types: { events: {} as OrderEvent },
  actions: {
    // Effects are data: these bodies never run (see pure.ts); the service applies the commands.
    send: (_: unknown, _p: SendParams) => {},
    announce: (_: unknown, _p: AnnounceParams) => {},
  },
  guards: {
    saga: ({ event }) => event.saga,
  },
}).createMachine({
  id: 'order',
  initial: 'PendingPayment',
  states: {
    PendingPayment: {
      description: 'Placed; the Payment service is charging the customer.',
      meta: { waitsFor: 'payment', faultPoints: ['poison'] },
      on: {
        PAYMENT_CAPTURED: { target: 'PaymentAuthorized', actions: send('ReserveStock', false) },
        PAYMENT_FAILED: 'Cancelled',
        CANCEL: 'Cancelled',
        DEAD_LETTERED: 'RequiresManualReview',
      },
    },
    PaymentAuthorized: {
      description: 'Paid; Inventory is asked to set the goods aside.',
      tags: ['paid'],
      meta: { waitsFor: 'inventory', faultPoints: ['poison'] },
      entry: announce('PaymentAuthorized'),
      on: {
        STOCK_RESERVED: { target: 'Confirmed', actions: send('ShipOrder', false) },
        STOCK_REJECTED: [{ guard: 'saga', target: 'RefundPending', actions: send('RefundPayment', true) }, { target: 'Cancelled' }],
        CANCEL: [{ guard: 'saga', target: 'RefundPending', actions: send('RefundPayment', true) }, { target: 'Cancelled' }],
        DEAD_LETTERED: 'RequiresManualReview',
      },
    },
    Confirmed: {
      description: 'Paid and reserved; Shipping is asked to pick the goods. Too late to cancel.',
      tags: ['paid'],
      meta: { waitsFor: 'shipping', faultPoints: ['poison'] },
      entry: announce('Confirmed'),
      on: {
        SHIPPED: 'Shipped',
        SHIPMENT_FAILED: [{ guard: 'saga', target: 'RefundPending', actions: [send('ReleaseStock', true), send('RefundPayment', true)] }, { target: 'Cancelled' }],
        DEAD_LETTERED: 'RequiresManualReview',
      },
    },
    Shipped: {
      description: 'The goods left the warehouse: nothing can call the order back.',
      tags: ['paid', 'ended'],
      entry: announce('Shipped'),
    },
    Cancelled: {
      description: 'Called off. Without a saga, money or stock taken earlier stays taken.',
      tags: ['calledOff', 'ended'],
      entry: announce('Cancelled'),
      on: LATE_ARRIVALS,
    },
    RefundPending: {
      description: 'Called off with compensation: the Payment service is refunding.',
      meta: { waitsFor: 'payment' },
      entry: announce('RefundPending'),
      on: {
        PAYMENT_REFUNDED: 'Refunded',
        STOCK_RESERVED: { guard: 'saga', actions: send('ReleaseStock', true) },
        DEAD_LETTERED: 'RequiresManualReview',
      },
    },
    Refunded: {
      description: 'Called off and the money given back.',
      tags: ['calledOff', 'ended'],
      entry: announce('Refunded'),
      on: LATE_ARRIVALS,
    },
    RequiresManualReview: {
      description: 'A command could not be processed (dead-lettered): a person has to decide.',
      tags: ['ended'],
      entry: announce('RequiresManualReview'),
    },
  },
});

/** A snapshot of one order's process. */
export type OrderSnapshot = SnapshotFrom<typeof orderMachine>;

/** The service that owes the answer an order waits for in each state, read from the states' `meta.waitsFor`. */
export const WAITS_FOR: Readonly<Partial<Record<OrderState, 'payment' | 'inventory' | 'shipping'>>> = Object.fromEntries(
  Object.entries(orderMachine.root.states).flatMap(([key, node]) => {
    const w = (node.meta as { waitsFor?: 'payment' | 'inventory' | 'shipping' } | undefined)?.waitsFor;
    return w ? [[key, w]] : [];
  }),
);

/** States tagged `tag` in the machine's definition. */
function tagged(tag: string): ReadonlySet<OrderState> {
  return new Set(Object.entries(orderMachine.root.states).flatMap(([key, node]) => (node.tags.includes(tag) ? [key as OrderState] : [])));
}

/** States where the order process expects nothing more to happen (tagged `ended`). */
export const TERMINAL: ReadonlySet<OrderState> = tagged('ended');
/** States in which the customer has paid for goods still owed to them (tagged `paid`). */
export const PAID_STATES: ReadonlySet<OrderState> = tagged('paid');
/** States in which the order was called off for good (tagged `calledOff`). */
export const CALLED_OFF_STATES: ReadonlySet<OrderState> = tagged('calledOff');

/** The reply messages that are events of the order process. */
export const REPLY_EVENTS: Readonly<Partial<Record<MessageType, OrderEventType>>> = {
  PaymentCaptured: 'PAYMENT_CAPTURED',
  PaymentFailed: 'PAYMENT_FAILED',
  PaymentRefunded: 'PAYMENT_REFUNDED',
  StockReserved: 'STOCK_RESERVED',
  StockRejected: 'STOCK_REJECTED',
  Shipped: 'SHIPPED',
  ShipmentFailed: 'SHIPMENT_FAILED',
};
