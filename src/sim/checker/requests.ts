/**
 * Rules about what the customer asked for: one order per request, every request answered,
 * every cancellation honoured or refused.
 */
import type { GroundTruth } from './groundTruth';
import { CALLED_OFF, due, groupBy, ms, type Violation } from './types';

/** A cancel that reaches an order in one of these states is refused by rule: it is too late. */
const TOO_LATE_TO_CANCEL = new Set(['Confirmed', 'Shipped']);

/** Checks the customer's requests and cancellations against the orders that exist. */
export function checkRequests(t: GroundTruth): Violation[] {
  const out: Violation[] = [];
  const ordersOf = groupBy(t.orders, (o) => o.requestId);
  const cancelsOf = groupBy(t.cancelsHandled, (c) => c.requestId);
  for (const r of t.requests) {
    const orders = ordersOf.get(r.requestId) ?? [];
    if (orders.length > 1) {
      out.push({
        invariant: 'oneOrderPerRequest',
        orderIds: orders.map((o) => o.id),
        requestIds: [r.requestId],
        sentence: `Customer request ${r.requestId} became ${orders.length} orders (${orders.map((o) => o.id).join(', ')}); one request must make at most one order.`,
      });
    }
    if (orders.length === 0 && r.toldOrders.length === 0 && due(t, r.sentAt)) {
      out.push({ invariant: 'requestAnswered', orderIds: [], requestIds: [r.requestId], sentence: `Customer request ${r.requestId} was never answered and no order exists for it.` });
    }
    if (r.cancelSentAt === null || orders.length === 0 || !due(t, r.cancelSentAt)) continue;
    const handled = cancelsOf.get(r.requestId) ?? [];
    for (const o of orders) {
      if (CALLED_OFF.has(o.state) || o.state === 'RequiresManualReview') continue;
      if (handled.some((c) => TOO_LATE_TO_CANCEL.has(c.statesBefore[o.id] ?? ''))) continue;
      const early = handled.some((c) => !(o.id in c.statesBefore));
      const why = early
        ? 'the cancellation reached the Order service before the order existed and was thrown away'
        : handled.length
          ? 'the Order service handled the cancellation while the order could still be cancelled, yet it went ahead'
          : 'the cancellation never reached the Order service';
      out.push({
        invariant: 'cancelHonouredOrRefused',
        orderIds: [o.id],
        requestIds: [r.requestId],
        sentence: `The customer cancelled request ${r.requestId} at ${ms(r.cancelSentAt)}, but order ${o.id} went ahead (${o.state}) and the cancellation was neither honoured nor refused: ${why}.`,
      });
    }
  }
  return out;
}
