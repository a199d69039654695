/**
 * A hand-built ground truth of one healthy, shipped order, for tests to break one fact at a time.
 */
import type { GroundTruth } from '../../../src/sim/checker';

/** One request, one order, paid, confirmed, shipped, told; at rest. */
export function healthyWorld(): GroundTruth {
  return {
    now: 5000,
    atRest: true,
    stuckAfterMs: 10_000,
    initialStock: 5,
    requests: [{ requestId: 'r1', sentAt: 0, quantity: 1, price: 40, toldOrders: ['o1'], cancelSentAt: null }],
    orders: [
      {
        id: 'o1',
        requestId: 'r1',
        quantity: 1,
        amount: 40,
        state: 'Shipped',
        placedAt: 20,
        history: [
          { t: 20, state: 'PendingPayment' },
          { t: 80, state: 'PaymentAuthorized' },
          { t: 120, state: 'Confirmed' },
          { t: 170, state: 'Shipped' },
        ],
      },
    ],
    charges: [{ id: 'ch1', orderId: 'o1', amount: 40, at: 60, refundedAt: null }],
    shipments: [{ orderId: 'o1', quantity: 1, at: 150 }],
    stockAvailable: 4,
    stockMoves: [{ t: 100, orderId: 'o1', delta: -1, available: 4 }],
    warehouse: 4,
    emails: [
      { orderId: 'o1', template: 'confirmed', t: 140 },
      { orderId: 'o1', template: 'shipped', t: 190 },
    ],
    dashboard: [{ orderId: 'o1', state: 'Shipped' }],
    cancelsHandled: [],
    waiting: [],
  };
}

/** A second order of another request, called off before payment, told, nothing held. */
export function withCancelledOrder(w: GroundTruth): GroundTruth {
  w.requests.push({ requestId: 'r2', sentAt: 200, quantity: 1, price: 40, toldOrders: ['o2'], cancelSentAt: 230 });
  w.orders.push({
    id: 'o2',
    requestId: 'r2',
    quantity: 1,
    amount: 40,
    state: 'Cancelled',
    placedAt: 220,
    history: [
      { t: 220, state: 'PendingPayment' },
      { t: 260, state: 'Cancelled' },
    ],
  });
  w.cancelsHandled.push({ requestId: 'r2', msgId: 'm9', t: 260, statesBefore: { o2: 'PendingPayment' } });
  w.emails.push({ orderId: 'o2', template: 'cancelled', t: 280 });
  w.dashboard.push({ orderId: 'o2', state: 'Cancelled' });
  return w;
}
