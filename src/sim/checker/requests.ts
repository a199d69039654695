/**
 * Rules about what the customer asked for: one order per request, every request answered,
 * every cancellation honoured or refused.
 */
import type { GroundTruth } from './groundTruth';
import { CALLED_OFF, due, groupBy, ms, type Violation } from './types';

/** A cancel that reaches an order in one of these states is refused by rule: it is too late. */
const TOO_LATE_TO_CANCEL = new Set(['Confirmed', 'Shipped']);
/** States in which the order process accepts a cancel. */
const CANCELLABLE = new Set(['PendingPayment', 'PaymentAuthorized']);

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
      const sentence = t.atRest
        ? `Customer request ${r.requestId} was never answered and no order exists for it.`
        : `Customer request ${r.requestId} had not been answered ${ms(t.now - r.sentAt)} after it was sent when the run stopped, and no order exists for it.`;
      out.push({ invariant: 'requestAnswered', orderIds: [], requestIds: [r.requestId], sentence });
    }
    if (r.cancelSentAt === null || orders.length === 0 || !due(t, r.cancelSentAt)) continue;
    const handled = cancelsOf.get(r.requestId) ?? [];
    for (const o of orders) {
      // Called off at some point: the cancel was accepted (what happened to the money after
      // that is the money rules' business). Manual review alone does not honour it: the
      // human reviewing does not know of the cancel.
      if (o.history.some((h) => CALLED_OFF.has(h.state))) continue;
      if (handled.some((c) => TOO_LATE_TO_CANCEL.has(c.statesBefore[o.id] ?? ''))) continue;
      const seen = handled.map((c) => c.statesBefore[o.id]).find((st) => st !== undefined);
      const why =
        seen === undefined
          ? handled.length
            ? 'the cancellation reached the Order service before the order existed and was thrown away'
            : 'the cancellation never reached the Order service'
          : CANCELLABLE.has(seen)
            ? `the Order service took the cancellation while the order was ${seen}, yet the order went ahead`
            : `the cancellation arrived while the order was ${seen} and was dropped without a word to the customer`;
      out.push({
        invariant: 'cancelHonouredOrRefused',
        orderIds: [o.id],
        requestIds: [r.requestId],
        sentence: `The customer cancelled request ${r.requestId} at ${ms(r.cancelSentAt)}, but order ${o.id} was never called off (it is ${o.state}) and the cancellation was neither honoured nor refused: ${why}.`,
      });
    }
  }
  return out;
}
