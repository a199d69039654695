/**
 * Rules about a run coming to rest: every order ends, the dashboard agrees with the orders, and
 * nothing waits forever in a buffer, a partition or an outbox.
 */
import type { GroundTruth } from './groundTruth';
import { ENDED, ms, type Violation } from './types';

/** Checks that the system settles: orders ended, dashboard true, nothing parked. */
export function checkSettling(t: GroundTruth): Violation[] {
  const out: Violation[] = [];
  for (const o of t.orders) {
    if (ENDED.has(o.state)) continue;
    if (t.atRest) {
      out.push({ invariant: 'ordersEnd', orderIds: [o.id], requestIds: [o.requestId], sentence: `Order ${o.id} is still ${o.state} and nothing is left that would move it on.` });
    } else if (t.now - o.placedAt >= t.stuckAfterMs) {
      out.push({ invariant: 'ordersEnd', orderIds: [o.id], requestIds: [o.requestId], sentence: `Order ${o.id} is still ${o.state} ${ms(t.now - o.placedAt)} after it was placed (counted as stuck when the run stopped).` });
    }
  }
  if (!t.atRest) return out;
  const rows = new Map(t.dashboard.map((r) => [r.orderId, r.state]));
  for (const o of t.orders) {
    const shown = rows.get(o.id);
    if (shown !== o.state) {
      out.push({ invariant: 'dashboardMatchesOrders', orderIds: [o.id], sentence: `At rest the dashboard shows order ${o.id} as ${shown ?? 'missing'}, but the order is ${o.state}.` });
    }
  }
  const known = new Set(t.orders.map((o) => o.id));
  for (const r of t.dashboard) {
    if (!known.has(r.orderId)) out.push({ invariant: 'dashboardMatchesOrders', orderIds: [r.orderId], sentence: `The dashboard shows order ${r.orderId}, which does not exist.` });
  }
  for (const w of t.waiting) {
    out.push({
      invariant: 'nothingParkedForever',
      orderIds: w.orderId ? [w.orderId] : [],
      requestIds: [w.requestId],
      sentence: `${w.type} ${w.msgId}${w.orderId ? ` about order ${w.orderId}` : ''} waits in ${w.where}, and nothing is left that would ever handle it.`,
    });
  }
  return out;
}
