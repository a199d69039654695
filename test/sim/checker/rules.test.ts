/**
 * Each business rule of the checker, on a hand-built world: the healthy world breaks none, and
 * breaking one fact breaks the rule that guards it (and says which order and why).
 */
import { describe, expect, it } from 'vitest';
import { checkInvariants, type GroundTruth, type InvariantId } from '../../../src/sim/checker';
import { healthyWorld, withCancelledOrder } from './world';

function broken(w: GroundTruth): InvariantId[] {
  return [...new Set(checkInvariants(w).map((v) => v.invariant))].sort();
}

function only(w: GroundTruth, id: InvariantId) {
  const vs = checkInvariants(w);
  expect(broken(w)).toEqual([id]);
  return vs;
}

describe('the checker on a hand-built world', () => {
  it('finds nothing wrong with a healthy shipped order and a properly cancelled one', () => {
    expect(checkInvariants(healthyWorld())).toEqual([]);
    expect(checkInvariants(withCancelledOrder(healthyWorld()))).toEqual([]);
  });

  it('oneOrderPerRequest: a second order for the same request', () => {
    const w = withCancelledOrder(healthyWorld());
    w.orders[1].requestId = 'r1';
    w.requests.pop();
    w.cancelsHandled = [];
    const vs = only(w, 'oneOrderPerRequest');
    expect(vs[0].orderIds).toEqual(['o1', 'o2']);
  });

  it('requestAnswered: a request with no order and no answer, but only once it is due', () => {
    const w = healthyWorld();
    w.requests.push({ requestId: 'r2', sentAt: 300, quantity: 1, price: 40, toldOrders: [], cancelSentAt: null });
    const vs = only(w, 'requestAnswered');
    expect(vs[0].sentence).toBe('Customer request r2 was never answered and no order exists for it.');
    w.atRest = false;
    expect(checkInvariants(w)).toEqual([]);
    w.now = 300 + w.stuckAfterMs;
    expect(only(w, 'requestAnswered')[0].sentence).toBe('Customer request r2 had not been answered 10 s after it was sent when the run stopped, and no order exists for it.');
  });

  it('cancelHonouredOrRefused: a cancel that never arrived, versus one refused as too late', () => {
    const w = healthyWorld();
    w.requests[0].cancelSentAt = 40;
    const vs = only(w, 'cancelHonouredOrRefused');
    expect(vs[0].sentence).toContain('never reached the Order service');
    w.cancelsHandled.push({ requestId: 'r1', msgId: 'm5', t: 30, statesBefore: {} });
    expect(only(w, 'cancelHonouredOrRefused')[0].sentence).toContain('before the order existed');
    w.cancelsHandled.push({ requestId: 'r1', msgId: 'm5', t: 130, statesBefore: { o1: 'Confirmed' } });
    expect(checkInvariants(w)).toEqual([]);
  });

  it('cancelHonouredOrRefused: a cancel dropped during manual review, versus one accepted before it', () => {
    const w = healthyWorld();
    w.orders[0].state = 'RequiresManualReview';
    w.orders[0].history = [
      { t: 20, state: 'PendingPayment' },
      { t: 80, state: 'PaymentAuthorized' },
      { t: 200, state: 'RequiresManualReview' },
    ];
    w.dashboard[0].state = 'RequiresManualReview';
    w.shipments = [];
    w.warehouse = 5;
    w.stockAvailable = 5;
    w.stockMoves = [];
    w.emails = [];
    w.charges = [];
    w.requests[0].cancelSentAt = 220;
    w.cancelsHandled.push({ requestId: 'r1', msgId: 'm9', t: 240, statesBefore: { o1: 'RequiresManualReview' } });
    expect(only(w, 'cancelHonouredOrRefused')[0].sentence).toBe(
      'The customer cancelled request r1 at 220 ms, but order o1 was never called off (it is RequiresManualReview) and the cancellation was neither honoured nor refused: the cancellation arrived while the order was RequiresManualReview and was dropped without a word to the customer.',
    );
    // Accepted (RefundPending) before a failed refund sent it to review: the cancel was honoured.
    w.orders[0].history.splice(2, 0, { t: 150, state: 'RefundPending' });
    w.cancelsHandled = [{ requestId: 'r1', msgId: 'm9', t: 150, statesBefore: { o1: 'PaymentAuthorized' } }];
    expect(checkInvariants(w)).toEqual([]);
  });

  it('chargedAtMostOncePerRequest: two live charges for one price', () => {
    const w = healthyWorld();
    w.charges.push({ id: 'ch2', orderId: 'o1', amount: 40, at: 70, refundedAt: null });
    expect(only(w, 'chargedAtMostOncePerRequest')[0].orderIds).toEqual(['o1']);
    w.charges[1].refundedAt = 900;
    expect(checkInvariants(w)).toEqual([]);
  });

  it('refundedWhenNothingShipped: a cancelled order still holding money, and a manual review one', () => {
    const w = withCancelledOrder(healthyWorld());
    w.charges.push({ id: 'ch2', orderId: 'o2', amount: 40, at: 250, refundedAt: null });
    expect(only(w, 'refundedWhenNothingShipped')[0].orderIds).toEqual(['o2']);
    w.requests[1].cancelSentAt = null;
    w.cancelsHandled = [];
    w.orders[1].state = 'RequiresManualReview';
    w.orders[1].history.push({ t: 400, state: 'RequiresManualReview' });
    w.dashboard[1].state = 'RequiresManualReview';
    expect(only(w, 'refundedWhenNothingShipped')[0].sentence).toContain('manual review');
    w.charges[1].refundedAt = 500;
    expect(checkInvariants(w)).toEqual([]);
  });

  it('shippedOnlyWhenPaidAndConfirmed: goods out with the money refunded; a free item is fine', () => {
    const w = healthyWorld();
    w.charges[0].refundedAt = 600;
    expect(only(w, 'shippedOnlyWhenPaidAndConfirmed')[0].sentence).toContain('holds 0 of its price 40');
    const free = healthyWorld();
    free.requests[0].price = 0;
    free.orders[0].amount = 0;
    free.charges = [];
    expect(checkInvariants(free)).toEqual([]);
    const early = healthyWorld();
    early.shipments[0].at = 100;
    expect(only(early, 'shippedOnlyWhenPaidAndConfirmed')[0].sentence).toContain('never confirmed');
  });

  it('promisesWithinStock: two confirmed at once for one unit; one after the other is fine', () => {
    const w = withCancelledOrder(healthyWorld());
    w.initialStock = 1;
    w.stockAvailable = 0;
    w.stockMoves[0].available = 0;
    w.warehouse = 0;
    expect(checkInvariants(w)).toEqual([]);
    // o2 was confirmed while o1's unit was still promised, then let go (a broken promise).
    w.orders[1].history.splice(1, 0, { t: 140, state: 'Confirmed' });
    w.emails.push({ orderId: 'o2', template: 'confirmed', t: 150 });
    const vs = checkInvariants(w).filter((v) => v.invariant === 'promisesWithinStock');
    expect(vs).toHaveLength(1);
    expect(vs[0].orderIds.sort()).toEqual(['o1', 'o2']);
    // And o2's confirmation turned out false: it was called off without shipping.
    expect(broken(w)).toEqual(['emailsTrue', 'promisesWithinStock']);
  });

  it('stockNeverNegative: a count below zero', () => {
    const w = healthyWorld();
    w.stockMoves.push({ t: 300, orderId: '', delta: -5, available: -1 });
    w.stockAvailable = -1;
    expect(broken(w)).toContain('stockNeverNegative');
  });

  it('stockAddsUp: a reservation counted twice names its order; an open order may hold its unit', () => {
    const w = healthyWorld();
    w.stockMoves.push({ t: 101, orderId: 'o1', delta: -1, available: 3 });
    w.stockAvailable = 3;
    expect(only(w, 'stockAddsUp')[0].orderIds).toEqual(['o1']);
    const open = healthyWorld();
    open.orders[0].state = 'RequiresManualReview';
    open.dashboard[0].state = 'RequiresManualReview';
    open.shipments = [];
    open.warehouse = 5;
    open.charges = [];
    open.emails = [{ orderId: 'o1', template: 'confirmed', t: 140 }];
    // Waiting for a human: holding its unit is fine, and the confirmation is not yet broken.
    expect(checkInvariants(open)).toEqual([]);
    open.stockAvailable = 5;
    expect(checkInvariants(open)).toEqual([]);
    open.stockAvailable = 3;
    expect(only(open, 'stockAddsUp')[0].sentence).toContain('should be between 4 and 5');
    // A unit still set aside for a cancelled order is not excused by an open order that never took one.
    const leak = withCancelledOrder(healthyWorld());
    leak.stockMoves.push({ t: 240, orderId: 'o2', delta: -1, available: 3 });
    leak.stockAvailable = 3;
    leak.orders.push({ id: 'o3', requestId: 'r3', quantity: 1, amount: 40, state: 'PendingPayment', placedAt: 300, history: [{ t: 300, state: 'PendingPayment' }] });
    leak.requests.push({ requestId: 'r3', sentAt: 290, quantity: 1, price: 40, toldOrders: ['o3'], cancelSentAt: null });
    leak.dashboard.push({ orderId: 'o3', state: 'PendingPayment' });
    const leaked = checkInvariants(leak).filter((v) => v.invariant === 'stockAddsUp');
    expect(leaked.map((v) => v.orderIds)).toEqual([['o2']]);
    const lost = healthyWorld();
    // Someone wrote 4 from a stale read of 5 although the count was already 4: a lost update.
    lost.stockMoves.push({ t: 300, orderId: 'o9', delta: -1, available: 4 });
    lost.orders.push({ ...lost.orders[0], id: 'o9', requestId: 'r9', state: 'Shipped' });
    lost.shipments.push({ orderId: 'o9', quantity: 1, at: 320 });
    lost.charges.push({ id: 'ch9', orderId: 'o9', amount: 40, at: 60, refundedAt: null });
    lost.emails.push({ orderId: 'o9', template: 'confirmed', t: 140 }, { orderId: 'o9', template: 'shipped', t: 400 });
    lost.dashboard.push({ orderId: 'o9', state: 'Shipped' });
    lost.warehouse = 3;
    expect(only(lost, 'stockAddsUp')[0].orderIds).toEqual(['o9']);
  });

  it('oneEmailPerKind: the same email twice', () => {
    const w = healthyWorld();
    w.emails.push({ orderId: 'o1', template: 'shipped', t: 200 });
    expect(only(w, 'oneEmailPerKind')[0].orderIds).toEqual(['o1']);
  });

  it('emailsTrue: "cancelled" for an order that shipped, "shipped" for one that did not', () => {
    const w = healthyWorld();
    w.emails.push({ orderId: 'o1', template: 'cancelled', t: 200 });
    expect(only(w, 'emailsTrue')[0].sentence).toContain('the goods were shipped');
    const c = withCancelledOrder(healthyWorld());
    c.emails.push({ orderId: 'o2', template: 'shipped', t: 300 });
    expect(only(c, 'emailsTrue')[0].orderIds).toEqual(['o2']);
  });

  it('customerToldOutcome: an order that ended without the customer hearing of it', () => {
    const w = withCancelledOrder(healthyWorld());
    w.emails = w.emails.filter((e) => e.orderId !== 'o2');
    expect(only(w, 'customerToldOutcome')[0].orderIds).toEqual(['o2']);
    // Cut by its duration: only once the news is overdue, and said as "not yet" rather than "never".
    w.atRest = false;
    w.now = 1000;
    expect(checkInvariants(w)).toEqual([]);
    w.now = 260 + w.stuckAfterMs;
    expect(only(w, 'customerToldOutcome')[0].sentence).toBe('Order o2 ended Cancelled 10 s before the run stopped, and the customer had still not been sent the "cancelled" email.');
  });

  it('ordersEnd: an order in between at rest; in a cut run only once it is overdue', () => {
    const w = healthyWorld();
    w.orders[0].state = 'Confirmed';
    w.orders[0].history.pop();
    w.dashboard[0].state = 'Confirmed';
    w.shipments = [];
    w.warehouse = 5;
    w.emails.pop();
    // The confirmation is not yet broken: the order is stuck, which is its own rule.
    expect(broken(w)).toEqual(['ordersEnd', 'refundedWhenNothingShipped']);
    w.atRest = false;
    w.now = 5000;
    expect(checkInvariants(w)).toEqual([]);
    w.now = 20 + w.stuckAfterMs;
    expect(broken(w)).toEqual(['ordersEnd']);
  });

  it('dashboardMatchesOrders: a stale row at rest, ignored while the run moves', () => {
    const w = healthyWorld();
    w.dashboard[0].state = 'Confirmed';
    expect(only(w, 'dashboardMatchesOrders')[0].sentence).toContain('shows order o1 as Confirmed');
    w.atRest = false;
    expect(checkInvariants(w)).toEqual([]);
  });

  it('nothingParkedForever: a message left in a version buffer at rest', () => {
    const w = healthyWorld();
    w.waiting.push({ where: "order's version buffer", msgId: 'm12', type: 'StockReserved', orderId: 'o1', requestId: 'r1' });
    expect(only(w, 'nothingParkedForever')[0].sentence).toBe("StockReserved m12 about order o1 waits in order's version buffer, and nothing is left that would ever handle it.");
  });
});
