/**
 * The order process: one machine per order, run by the Order service (the saga orchestrator).
 * States are the in-between moments made explicit; events the current state doesn't expect are
 * ignored, which makes the Order service naturally idempotent for replies it has already seen.
 */
import { setup } from 'xstate';
import type { OrderState } from '../types';

/** Commands the order process asks its service to send. */
export type OrderCommand = 'ReserveStock' | 'ShipOrder' | 'RefundPayment' | 'ReleaseStock';

/** What the process needs from the Order service. */
export interface OrderEnv {
  /** Queue a command for this order in the current local transaction. */
  command: (orderId: string, command: OrderCommand, compensation: boolean) => void;
  /** Announce the state the order just entered (an order.events lifecycle event). */
  announce: (orderId: string, state: OrderState) => void;
  /** Whether saga compensation is switched on right now. */
  saga: () => boolean;
}

/** Events the order process accepts (translated from bus messages). */
export type OrderEvent =
  | { type: 'PAYMENT_CAPTURED' }
  | { type: 'PAYMENT_FAILED' }
  | { type: 'PAYMENT_REFUNDED' }
  | { type: 'STOCK_RESERVED' }
  | { type: 'STOCK_REJECTED' }
  | { type: 'SHIPPED' }
  | { type: 'SHIPMENT_FAILED' }
  | { type: 'CANCEL' }
  | { type: 'DEAD_LETTERED' };

interface Ctx {
  orderId: string;
  env: OrderEnv;
}

type Cmd = { command: OrderCommand; compensation: boolean };

/**
 * A charge or a reservation that lands after the order was given up: only a saga gives the
 * money back and the stock up. Shared by the states that end an order without shipping it.
 */
const LATE_ARRIVALS = {
  PAYMENT_CAPTURED: {
    guard: 'saga',
    target: 'RefundPending',
    actions: { type: 'send', params: { command: 'RefundPayment', compensation: true } },
  },
  STOCK_RESERVED: { guard: 'saga', actions: { type: 'send', params: { command: 'ReleaseStock', compensation: true } } },
} as const;

/** Order process machine. Terminal-ish states still react to late events when the saga is on. */
export const orderMachine = setup({
  types: { context: {} as Ctx, input: {} as Ctx, events: {} as OrderEvent },
  actions: {
    send: ({ context }, p: Cmd) => context.env.command(context.orderId, p.command, p.compensation),
    announce: ({ context }, p: { state: OrderState }) => context.env.announce(context.orderId, p.state),
  },
  guards: {
    saga: ({ context }) => context.env.saga(),
  },
}).createMachine({
  id: 'order',
  initial: 'PendingPayment',
  context: ({ input }) => input,
  states: {
    PendingPayment: {
      on: {
        PAYMENT_CAPTURED: { target: 'PaymentAuthorized', actions: { type: 'send', params: { command: 'ReserveStock', compensation: false } } },
        PAYMENT_FAILED: 'Cancelled',
        CANCEL: 'Cancelled',
        DEAD_LETTERED: 'RequiresManualReview',
      },
    },
    PaymentAuthorized: {
      entry: { type: 'announce', params: { state: 'PaymentAuthorized' } },
      on: {
        STOCK_RESERVED: { target: 'Confirmed', actions: { type: 'send', params: { command: 'ShipOrder', compensation: false } } },
        STOCK_REJECTED: [
          { guard: 'saga', target: 'RefundPending', actions: { type: 'send', params: { command: 'RefundPayment', compensation: true } } },
          { target: 'Cancelled' },
        ],
        CANCEL: [
          { guard: 'saga', target: 'RefundPending', actions: { type: 'send', params: { command: 'RefundPayment', compensation: true } } },
          { target: 'Cancelled' },
        ],
        DEAD_LETTERED: 'RequiresManualReview',
      },
    },
    Confirmed: {
      entry: { type: 'announce', params: { state: 'Confirmed' } },
      on: {
        SHIPPED: 'Shipped',
        SHIPMENT_FAILED: [
          {
            guard: 'saga',
            target: 'RefundPending',
            actions: [
              { type: 'send', params: { command: 'ReleaseStock', compensation: true } },
              { type: 'send', params: { command: 'RefundPayment', compensation: true } },
            ],
          },
          { target: 'Cancelled' },
        ],
        DEAD_LETTERED: 'RequiresManualReview',
      },
    },
    Shipped: {
      entry: { type: 'announce', params: { state: 'Shipped' } },
    },
    Cancelled: {
      entry: { type: 'announce', params: { state: 'Cancelled' } },
      on: LATE_ARRIVALS,
    },
    RefundPending: {
      entry: { type: 'announce', params: { state: 'RefundPending' } },
      on: {
        PAYMENT_REFUNDED: 'Refunded',
        STOCK_RESERVED: { guard: 'saga', actions: { type: 'send', params: { command: 'ReleaseStock', compensation: true } } },
        DEAD_LETTERED: 'RequiresManualReview',
      },
    },
    Refunded: {
      entry: { type: 'announce', params: { state: 'Refunded' } },
      on: LATE_ARRIVALS,
    },
    RequiresManualReview: {
      entry: { type: 'announce', params: { state: 'RequiresManualReview' } },
    },
  },
});

/** States where the order process expects nothing more to happen. */
export const TERMINAL: ReadonlySet<OrderState> = new Set<OrderState>(['Shipped', 'Cancelled', 'Refunded', 'RequiresManualReview']);
