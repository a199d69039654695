/**
 * Reconciliation: a periodic job that reads every service's tables, compares them with each
 * other and with the provider's ledger, and repairs what disagrees. It is the safety net for
 * what the other remedies missed — slow (it runs every second) and bounded (an order is
 * re-driven at most three times), and unable to undo what left the building (emails, shipments).
 */
import type { Services } from './world';

/** How often the job runs. */
export const RECONCILE_EVERY_MS = 1000;
/** How long an order must sit still before the job touches it. */
export const SETTLE_MS = 1500;
/** Re-drives per order at most. */
export const MAX_REDRIVES = 3;

const PAID = new Set(['PaymentAuthorized', 'Confirmed', 'Shipped']);
/** The answers that move an order on from each waiting state. */
const EXPECTED: Record<string, string[]> = {
  PendingPayment: ['PaymentCaptured', 'PaymentFailed'],
  PaymentAuthorized: ['StockReserved', 'StockRejected'],
  Confirmed: ['Shipped', 'ShipmentFailed'],
  RefundPending: ['PaymentRefunded'],
};

/** When each system's stock was last checked (by its last inventory activity), so a quiet stock isn't recounted every tick. */
const checkedInventoryAt = new WeakMap<Services, number>();

function dashboardAgrees(s: Services, orderId: string, state: string): boolean {
  return s.analytics.rows.get(orderId)?.state === state;
}

/** One pass. Returns the number of repairs made. */
export function reconcile(s: Services, now: number): number {
  let repairs = 0;
  const note = (orderId: string | null, action: string) => {
    repairs++;
    s.world.healed.reconciled++;
    s.world.emit({ t: now, kind: 'reconcile', orderId, action });
  };
  const { order, payment, inventory, shipping, analytics, provider } = s;
  if (!order.up) return 0;

  // Only orders touched since they were last found settled and consistent need a look.
  for (const id of s.dirty) {
    const row = order.orders.get(id);
    if (!row) {
      s.dirty.delete(id);
      continue;
    }
    const idle = now - row.lastActivity >= SETTLE_MS;
    if (!idle) continue;
    const before = repairs;
    const charges = provider.byOrder.get(row.id) ?? [];
    const live = charges.filter((c) => c.refundedAt === null);

    // Money: refund what a cancelled order still holds, and every extra charge of a paid one.
    if (!payment.charging(row.id) && row.state !== 'RequiresManualReview') {
      const keep = PAID.has(row.state) ? 1 : row.state === 'PendingPayment' || row.state === 'RefundPending' ? live.length : 0;
      for (const c of live.slice(keep)) {
        if (provider.refund(c.id, now)) {
          s.world.emit({ t: now, kind: 'refund', orderId: row.id, chargeId: c.id, amount: c.amount });
          note(row.id, `refunded charge ${c.id} (${c.amount}) that order ${row.id} in ${row.state} should not hold`);
        }
      }
    }

    // Stuck orders: ask the downstream service to repeat its answer, or repeat our request.
    if (row.redrives < MAX_REDRIVES && (row.state === 'PendingPayment' || row.state === 'PaymentAuthorized' || row.state === 'Confirmed' || row.state === 'RefundPending')) {
      if (row.state === 'PendingPayment' && payment.charging(row.id)) continue;
      const downstream = row.state === 'PaymentAuthorized' ? inventory : row.state === 'Confirmed' ? shipping : payment;
      const reply = downstream.lastReply.get(row.id);
      const answered = reply !== undefined && EXPECTED[row.state].includes(reply.type);
      row.redrives++;
      const ok = answered ? downstream.republish(row.id) : order.redrive(row.id);
      if (ok) note(row.id, answered ? `asked ${downstream.id} to resend its answer for ${row.id}` : `re-sent ${row.lastCommand?.type} for ${row.id}`);
    }
    if (repairs === before && !payment.charging(row.id) && dashboardAgrees(s, row.id, row.state)) s.dirty.delete(row.id);
  }

  // The dashboard: overwrite rows that disagree with the Order service once things settled.
  if (analytics.up) {
    for (const id of s.dirty) {
      const row = order.orders.get(id);
      if (!row || now - row.lastActivity < SETTLE_MS) continue;
      const r = analytics.rows.get(row.id);
      if (!r || r.state !== row.state) {
        analytics.repair(row.id, row.state);
        note(row.id, `rebuilt the dashboard row of ${row.id} (${r?.state ?? 'missing'} → ${row.state})`);
      }
    }
  }

  // Stock: once nothing is moving in inventory, the count must match the orders that hold stock.
  if (inventory.up && now - s.lastInventoryActivity() >= SETTLE_MS && checkedInventoryAt.get(s) !== s.lastInventoryActivity()) {
    checkedInventoryAt.set(s, s.lastInventoryActivity());
    let held = 0;
    const keep = new Set<string>();
    let settled = true;
    for (const row of order.orders.values()) {
      if (row.reserved) {
        held += row.quantity;
        keep.add(row.id);
      }
      if (row.state === 'PaymentAuthorized' && now - row.lastActivity < SETTLE_MS) settled = false;
    }
    if (!settled) checkedInventoryAt.delete(s);
    else if (inventory.repair(inventory.initial - held, keep)) note(null, `set the stock count to ${Math.max(0, inventory.initial - held)} to match the orders holding stock`);
  }
  return repairs;
}
