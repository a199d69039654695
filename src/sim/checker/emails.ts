/**
 * Rules about what the customer was told: one email per kind per order, every email true, and
 * the customer told how every order ended.
 */
import type { GroundTruth } from './groundTruth';
import { CALLED_OFF, due, groupBy, lastChange, ms, type Violation } from './types';

const NEEDED: Record<string, 'shipped' | 'cancelled'> = { Shipped: 'shipped', Cancelled: 'cancelled', Refunded: 'cancelled' };

/** Checks the emails sent against the orders, the shipments and the cancellations. */
export function checkEmails(t: GroundTruth): Violation[] {
  const out: Violation[] = [];
  const orders = new Map(t.orders.map((o) => [o.id, o]));
  const shipped = new Set(t.shipments.map((s) => s.orderId));
  const byOrder = groupBy(t.emails, (e) => e.orderId);
  for (const [orderId, emails] of byOrder) {
    const o = orders.get(orderId);
    for (const [template, same] of groupBy(emails, (e) => e.template)) {
      if (same.length > 1) {
        out.push({ invariant: 'oneEmailPerKind', orderIds: [orderId], sentence: `The customer got the "${template}" email for order ${orderId} ${same.length} times; once is the rule.` });
      }
      const lie = falsehood(template, o, shipped.has(orderId));
      if (lie) out.push({ invariant: 'emailsTrue', orderIds: [orderId], sentence: `The "${template}" email for order ${orderId} is not true: ${lie}.` });
    }
  }
  for (const o of t.orders) {
    const needed = NEEDED[o.state];
    if (!needed || !due(t, lastChange(o))) continue;
    if ((byOrder.get(o.id) ?? []).some((e) => e.template === needed)) continue;
    out.push({
      invariant: 'customerToldOutcome',
      orderIds: [o.id],
      requestIds: [o.requestId],
      sentence: t.atRest
        ? `Order ${o.id} ended ${o.state}, but the customer was never sent the "${needed}" email telling them so.`
        : `Order ${o.id} ended ${o.state} ${ms(t.now - lastChange(o))} before the run stopped, and the customer had still not been sent the "${needed}" email.`,
    });
  }
  return out;
}

function falsehood(template: string, o: GroundTruth['orders'][number] | undefined, wasShipped: boolean): string | null {
  if (!o) return 'no such order exists';
  const was = (states: Set<string>) => o.history.some((h) => states.has(h.state));
  if (template === 'shipped') return wasShipped ? null : 'nothing left the warehouse for it';
  if (template === 'confirmed') {
    if (!was(new Set(['Confirmed']))) return 'the order was never confirmed';
    // A confirmation promises delivery: calling the order off afterwards breaks it. (A stuck
    // order breaks "every order ends" instead; manual review leaves it in a human's hands.)
    if (!wasShipped && CALLED_OFF.has(o.state)) return `it promised delivery, but the order ended ${o.state} without shipping`;
    return null;
  }
  if (wasShipped) return 'the goods were shipped';
  return was(CALLED_OFF as Set<string>) ? null : 'the order was never cancelled';
}
