/**
 * Rules about the customer's money and the goods: never more than one price held per request,
 * nothing held once an order ends without goods, and goods only for a paid, confirmed order.
 */
import type { GroundTruth } from './groundTruth';
import { CALLED_OFF, due, ENDED, groupBy, heldByOrder, lastChange, type Violation } from './types';

/** Checks the provider's ledger and the warehouse's shipments against the orders. */
export function checkMoney(t: GroundTruth): Violation[] {
  const out: Violation[] = [];
  const held = heldByOrder(t);
  const shipped = new Map(t.shipments.map((s) => [s.orderId, s]));
  const ordersOf = groupBy(t.orders, (o) => o.requestId);

  for (const r of t.requests) {
    const orders = ordersOf.get(r.requestId) ?? [];
    const holding = orders.filter((o) => (held.get(o.id) ?? 0) > 0);
    const total = holding.reduce((a, o) => a + held.get(o.id)!, 0);
    const price = r.quantity * r.price;
    if (total > price) {
      out.push({
        invariant: 'chargedAtMostOncePerRequest',
        orderIds: holding.map((o) => o.id),
        requestIds: [r.requestId],
        sentence: `Request ${r.requestId} agreed to pay ${price}, but the provider holds ${total} for it (${holding.map((o) => `${o.id}: ${held.get(o.id)}`).join(', ')}).`,
      });
    }
  }

  for (const o of t.orders) {
    const money = held.get(o.id) ?? 0;
    if (money <= 0 || shipped.has(o.id)) continue;
    const ended = ENDED.has(o.state);
    if (!t.atRest && !(ended && due(t, lastChange(o)))) continue;
    const where =
      o.state === 'RequiresManualReview'
        ? `waits for manual review while the provider still holds ${money} of the customer's money`
        : ended
          ? `ended ${o.state}, yet the provider still holds ${money} of the customer's money`
          : `never finished (still ${o.state}) and the provider holds ${money} of the customer's money`;
    out.push({ invariant: 'refundedWhenNothingShipped', orderIds: [o.id], requestIds: [o.requestId], sentence: `Nothing was shipped for order ${o.id}, and it ${where}.` });
  }

  const orders = new Map(t.orders.map((o) => [o.id, o]));
  for (const sh of t.shipments) {
    const o = orders.get(sh.orderId);
    const problems: string[] = [];
    if (!o) problems.push('no such order exists');
    else {
      if (!o.history.some((h) => h.state === 'Confirmed' && h.t <= sh.at)) problems.push('the order was never confirmed before it left');
      if ((held.get(o.id) ?? 0) < o.amount) problems.push(`the provider holds ${held.get(o.id) ?? 0} of its price ${o.amount}`);
      if (CALLED_OFF.has(o.state)) problems.push(`the order is ${o.state}`);
    }
    if (problems.length) {
      out.push({
        invariant: 'shippedOnlyWhenPaidAndConfirmed',
        orderIds: [sh.orderId],
        requestIds: o ? [o.requestId] : [],
        sentence: `Goods for order ${sh.orderId} left the warehouse, but ${problems.join(', and ')}; only paid, confirmed, not-cancelled orders may ship.`,
      });
    }
  }
  return out;
}
