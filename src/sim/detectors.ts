/**
 * Anomaly detectors. Each reads ground truth — the provider's ledger, the warehouse, the stock
 * count, the emails actually sent, the Order service's table — never a service's opinion of
 * itself, and names the orders and the messages behind what it finds. Checks that only make
 * sense once things have settled (drift, stuck, lost) wait for quiescence or for the order's
 * time limit.
 */
import { ANOMALY_KINDS } from './catalog';
import { detectCustomerHarm } from './customerDetectors';
import { TERMINAL } from './machines/orderMachine';
import type { OrderRow } from './services/order';
import type { Anomaly, AnomalyKind, Remedies } from './types';
import type { Services } from './world';

/** What the engine learned from the trace that the tables don't keep. */
export interface Facts {
  dropped: Set<string>;
  crashLost: Set<string>;
  /** Deliveries to Inventory per message id (a repeat means stock may be counted twice). */
  deliveries: Map<string, number>;
  skipped: Set<string>;
  delivered: Set<string>;
  /** Messages parked in a version buffer at some point. */
  buffered: Set<string>;
  /** Net stock change Inventory recorded per order (reservations minus releases). */
  stockNet: Map<string, number>;
  /** Orders whose shipment failed because the warehouse had no unit left. */
  shipmentFailed: Set<string>;
}

/** The detectors' inputs. */
export interface DetectInput {
  s: Services;
  facts: Facts;
  now: number;
  quiescent: boolean;
  /** The run is over (quiescent, or its time limit reached): whatever is unfinished stays so. */
  ended: boolean;
  stuckAfterMs: number;
  remedies: Remedies;
}

/** Runs every detector. */
export function detect(input: DetectInput): Anomaly[] {
  const out: Anomaly[] = [];
  const { s, now, quiescent, ended, stuckAfterMs } = input;
  const orders = [...s.order.orders.values()];
  const overdue = (row: OrderRow) => quiescent || ended || now - row.placedAt >= stuckAfterMs;
  const settled = (row: OrderRow) => quiescent || ended || now - row.lastActivity >= stuckAfterMs;

  // duplicateOrder
  for (const [requestId, ids] of s.order.byRequest) {
    if (ids.length < 2) continue;
    const creators = ids.map((id) => s.order.orders.get(id)!.createdBy);
    const sameMessage = creators.every((m) => m === creators[0]);
    const why = sameMessage
      ? `the PlaceOrder message ${creators[0]} was handled more than once (a duplicate delivery or a redelivery after a crash) and nothing recognised it`
      : 'the customer sent the same request again and the Order service had no idempotency key to recognise it';
    out.push({ kind: 'duplicateOrder', orderIds: ids.slice(1), messageIds: [...new Set(creators)], explanation: `Request ${requestId} became ${ids.length} orders (${ids.join(', ')}): ${why}.` });
  }

  for (const row of orders) {
    const charges = s.provider.byOrder.get(row.id) ?? [];
    const live = charges.filter((c) => c.refundedAt === null);
    const held = live.reduce((a, c) => a + c.amount, 0);
    const shipped = s.shipping.shipments.has(row.id);

    // doubleCharge
    if (held > row.amount) {
      const extra = live.slice(1);
      const reasons = [...new Set(extra.map((c) => c.reason))].map((r) => CHARGE_REASON[r]);
      out.push({
        kind: 'doubleCharge',
        orderIds: [row.id],
        messageIds: [...new Set(live.map((c) => c.msgId))],
        explanation: `Order ${row.id} was charged ${live.length} times (${held} held for a price of ${row.amount}): ${reasons.join('; ')}.`,
      });
    }

    // paidNotFulfilled
    if (!shipped && held > 0 && (row.state === 'Cancelled' || row.state === 'Refunded') && settled(row)) {
      const failed = (s.payment.byOrder.get(row.id) ?? []).some((p) => p.status === 'failed');
      const why = failed
        ? 'the Payment service gave up after the provider timed out, but the provider had in fact charged the card'
        : input.remedies.saga
          ? 'the charge landed where no compensation could reach it'
          : 'the saga was off, so nothing refunded the payment when the order could not go ahead';
      out.push({ kind: 'paidNotFulfilled', orderIds: [row.id], messageIds: live.map((c) => c.msgId), explanation: `Order ${row.id} ended ${row.state}, yet the provider still holds ${held}: ${why}.` });
    }

    // shippedUnpaid
    // A free order (price 0) owes nothing, so shipping it is not "unpaid".
    if (shipped && held < row.amount) {
      out.push({ kind: 'shippedUnpaid', orderIds: [row.id], messageIds: [s.shipping.shipments.get(row.id)!.msgId], explanation: `Order ${row.id} left the warehouse while the provider holds ${held} of its price ${row.amount}.` });
    }

    // lostOrder / stuck
    if (!TERMINAL.has(row.state) && overdue(row)) {
      const knownToPayment = (s.payment.byOrder.get(row.id)?.length ?? 0) > 0 || charges.length > 0;
      const cmd = row.lastCommand;
      const fate = cmd ? messageFate(cmd.id, cmd.type, input) : 'no command was ever recorded';
      if (row.state === 'PendingPayment' && !knownToPayment && (quiescent || now - row.placedAt >= stuckAfterMs)) {
        const dash = s.analytics.rows.get(row.id);
        const seen = dash ? ` (the dashboard lists it as ${dash.state}, but that cannot move it on)` : '';
        out.push({ kind: 'lostOrder', orderIds: [row.id], messageIds: cmd ? [cmd.id] : [row.createdBy], explanation: `Order ${row.id} was accepted, then nothing happened: ${fate}. The Payment service never heard of it${seen}.` });
      } else {
        const when = quiescent || now - row.placedAt >= stuckAfterMs ? `${Math.round((now - row.placedAt) / 100) / 10} s after it was placed` : `when the run ended at ${Math.round(now / 100) / 10} s`;
        out.push({ kind: 'stuck', orderIds: [row.id], messageIds: cmd ? [cmd.id] : [], explanation: `Order ${row.id} is still ${row.state} ${when}: ${stuckReason(row, input)}.` });
      }
    }
  }

  const oversold = promises(input);

  // duplicateEmail / contradictoryEmails
  const byOrder = new Map<string, { template: string; msgId: string }[]>();
  for (const e of s.notification.emails) {
    const list = byOrder.get(e.orderId) ?? [];
    list.push(e);
    byOrder.set(e.orderId, list);
  }
  for (const [orderId, emails] of byOrder) {
    const seen = new Map<string, string[]>();
    for (const e of emails) seen.set(e.template, [...(seen.get(e.template) ?? []), e.msgId]);
    for (const [template, ids] of seen) {
      if (ids.length < 2) continue;
      const same = ids.every((m) => m === ids[0]);
      out.push({
        kind: 'duplicateEmail',
        orderIds: [orderId],
        messageIds: [...new Set(ids)],
        explanation: `The customer got the "${template}" email for ${orderId} ${ids.length} times: ${same ? `event ${ids[0]} was handled again and Notification kept no record of it` : 'the same news was published more than once'}.`,
      });
    }
    if (seen.has('confirmed') && seen.has('cancelled')) {
      out.push({
        kind: 'contradictoryEmails',
        orderIds: [orderId],
        messageIds: [...seen.get('confirmed')!, ...seen.get('cancelled')!],
        explanation: `The customer of ${orderId} was told the order is confirmed, then that it is cancelled${oversold.broken.has(orderId) ? ': it was promised a unit that did not exist, and no compensation can unsend the first email' : ''}.`,
      });
    }
  }

  // oversold: more units promised to customers (orders confirmed) than the warehouse ever had.
  if (oversold.promised > s.inventory.initial) {
    const race = s.inventory.lostUpdates.length > 0;
    for (const id of oversold.broken) {
      const row = s.order.orders.get(id)!;
      out.push({
        kind: 'oversold',
        orderIds: [id],
        messageIds: [confirmedBy(row, input)].filter((x): x is string => x !== null),
        explanation: `Order ${id} was confirmed to the customer, but ${oversold.promised} units were promised against ${s.inventory.initial} in the warehouse, so there was none left for it: ${
          race ? 'two Inventory instances read the same count before either wrote it back, and the write was not conditional' : 'Inventory granted more reservations than there are units'
        }.`,
      });
    }
  }

  // inventoryDrift — only meaningful once nothing is in flight
  if (quiescent) {
    const drift = inventoryDrift(input);
    if (drift) out.push(drift);
  }

  // ignoredCancellation — a cancel that overtook its own order request and was dropped
  for (const c of s.order.cancelsIgnored) {
    for (const id of s.order.byRequest.get(c.requestId) ?? []) {
      const row = s.order.orders.get(id)!;
      if (row.state === 'Cancelled' || row.state === 'Refunded' || row.state === 'RefundPending') continue;
      out.push({
        kind: 'ignoredCancellation',
        orderIds: [id],
        messageIds: [c.msgId, row.createdBy],
        explanation: `The customer cancelled request ${c.requestId}, but CancelOrder ${c.msgId} overtook PlaceOrder ${row.createdBy} and found no order to cancel; order ${id} went ahead (${row.state}).`,
      });
    }
  }

  // readModelDrift — after quiescence, the dashboard must agree with the Order service
  if (quiescent) {
    for (const row of orders) {
      const r = s.analytics.rows.get(row.id);
      if (r && r.state === row.state) continue;
      const discarded = s.analytics.discardedFor.get(row.id);
      const why = !r
        ? 'no event about it ever reached the dashboard'
        : discarded && !input.remedies.logicalClocks
          ? `a newer update (${discarded}) was thrown away as "older" because the sender's clock was behind`
          : 'the event that would have updated it never arrived';
      out.push({ kind: 'readModelDrift', orderIds: [row.id], messageIds: discarded ? [discarded] : [], explanation: `The dashboard shows ${row.id} as ${r?.state ?? 'missing'}, but the Order service says ${row.state}: ${why}.` });
    }
  }
  out.push(...detectCustomerHarm(input, (id, type) => messageFate(id, type, input)));
  return out;
}

/**
 * Units promised to customers: every order that reached Confirmed promised its quantity. When
 * more was promised than exists, the orders whose promise was broken are the confirmed ones
 * that did not ship (at rest: the ones whose shipment failed), else the last ones confirmed.
 */
function promises(input: DetectInput): { promised: number; broken: Set<string> } {
  const { s } = input;
  const confirmed: { row: OrderRow; at: number }[] = [];
  for (const row of s.order.orders.values()) {
    const h = row.history.find((x) => x.state === 'Confirmed');
    if (h) confirmed.push({ row, at: h.t });
  }
  const promised = confirmed.reduce((a, c) => a + c.row.quantity, 0);
  const broken = new Set<string>();
  if (promised <= s.inventory.initial) return { promised, broken };
  for (const c of confirmed) if (input.facts.shipmentFailed.has(c.row.id)) broken.add(c.row.id);
  if (broken.size === 0) {
    confirmed.sort((a, b) => a.at - b.at);
    let units = 0;
    for (const c of confirmed) {
      units += c.row.quantity;
      if (units > s.inventory.initial && !s.shipping.shipments.has(c.row.id)) broken.add(c.row.id);
    }
  }
  return { promised, broken };
}

/** The StockReserved reply that moved an order to Confirmed, if it is known. */
function confirmedBy(row: OrderRow, input: DetectInput): string | null {
  return input.s.inventory.lastReply.get(row.id)?.id ?? null;
}

/** States whose order still needs (or already used) the unit Inventory set aside for it. */
const KEEPS_UNIT: ReadonlySet<string> = new Set(['PaymentAuthorized', 'Confirmed', 'Shipped', 'RequiresManualReview']);

/**
 * At rest, Inventory's count must equal the initial stock minus the units of orders that hold
 * or used one. The culprits are the orders whose own stock movements disagree with that
 * (counted twice, or still held after the order gave up) and any lost update of the race.
 */
function inventoryDrift(input: DetectInput): Anomaly | null {
  const { s, facts } = input;
  let held = 0;
  const orders: string[] = [];
  const messages: string[] = [];
  const twice: string[] = [];
  const leaked: string[] = [];
  for (const row of s.order.orders.values()) {
    const keeps = s.shipping.shipments.has(row.id) || (KEEPS_UNIT.has(row.state) && s.inventory.reservations.has(row.id));
    if (keeps) held += row.quantity;
    const net = -(facts.stockNet.get(row.id) ?? 0);
    const expected = keeps ? row.quantity : 0;
    if (net > expected && keeps) twice.push(row.id);
    else if (net > expected) leaked.push(row.id);
  }
  const expected = s.inventory.initial - held;
  if (s.inventory.available === expected) return null;
  const why: string[] = [];
  if (twice.length) {
    for (const [id, n] of facts.deliveries) {
      const m = s.messages.get(id);
      if (n > 1 && m?.type === 'ReserveStock' && m.orderId && twice.includes(m.orderId)) messages.push(id);
    }
    orders.push(...twice);
    why.push(`ReserveStock was carried out more than once for ${twice.join(', ')}, counting its stock down twice`);
  }
  if (leaked.length) {
    orders.push(...leaked);
    why.push(`stock is still set aside for ${leaked.join(', ')}, which ended without shipping`);
  }
  if (s.inventory.lostUpdates.length) {
    for (const u of s.inventory.lostUpdates) {
      if (!orders.includes(u.orderId)) orders.push(u.orderId);
      messages.push(u.msgId);
    }
    why.push(`${s.inventory.lostUpdates.length} reservation(s) overwrote a concurrent write (a lost update)`);
  }
  return {
    kind: 'inventoryDrift',
    orderIds: orders,
    messageIds: [...new Set(messages)],
    explanation: `Inventory counts ${s.inventory.available} units available, but ${s.inventory.initial} in stock minus the ${held} held or shipped for live orders is ${expected}: ${why.join('; ') || 'the count and the orders disagree'}.`,
  };
}

const CHARGE_REASON: Record<string, string> = {
  'first call': 'the first call',
  'duplicate delivery': 'ChargePayment was delivered again and became a second payment',
  'retry after timeout': "the provider's reply was lost, and the retry carried no idempotency key",
  'resume after crash': 'Payment crashed mid-call and charged again on restart without an idempotency key',
};

function messageFate(id: string, type: string, input: DetectInput): string {
  const { facts } = input;
  if (facts.dropped.has(id) && !wasDelivered(id, facts)) return `${type} ${id} was lost before the broker stored it`;
  if (facts.crashLost.has(id) && !wasDelivered(id, facts)) return `the service crashed after saving the change and before publishing ${type} ${id}`;
  if (facts.skipped.has(id)) return `${type} ${id} kept failing and was skipped after the last retry`;
  const m = input.s.messages.get(id);
  if (m?.poison) return `${type} ${id} is a poison message that fails every time it is handled`;
  if (facts.buffered.has(id)) return `${type} ${id} is parked in a version buffer, waiting for an earlier message that never arrived`;
  if (!wasDelivered(id, facts)) {
    const blocker = blockedBehind(id, input);
    if (blocker) return `${type} ${id} waits in its partition behind ${blocker.type} ${blocker.id}, which fails every time it is handled (head-of-line blocking)`;
    return `${type} ${id} never reached its consumer`;
  }
  return `${type} ${id} was handled, but its answer never came back`;
}

/** The failing message at the head of the partition a message is queued in, if any. */
function blockedBehind(id: string, input: DetectInput): { id: string; type: string } | null {
  for (const p of input.s.bus.partitions()) {
    const head = p.queue[0]?.msg;
    if (!head?.poison || head.id === id) continue;
    if (p.queue.some((d) => d.msg.id === id)) return { id: head.id, type: head.type };
  }
  return null;
}

function wasDelivered(id: string, facts: Facts): boolean {
  return facts.delivered.has(id);
}

function stuckReason(row: OrderRow, input: DetectInput): string {
  const s = input.s;
  const cmd = row.lastCommand;
  if (!cmd) return 'it never asked anyone for anything';
  const svc = row.state === 'PaymentAuthorized' ? s.inventory : row.state === 'Confirmed' ? s.shipping : s.payment;
  const reply = svc.lastReply.get(row.id);
  if (reply && (input.facts.dropped.has(reply.id) || input.facts.crashLost.has(reply.id)) && !wasDelivered(reply.id, input.facts)) {
    return `${svc.id} answered with ${reply.type} ${reply.id}, but that answer was lost on the way back`;
  }
  if (row.state === 'PendingPayment') {
    const p = s.payment.byOrder.get(row.id) ?? [];
    if (p.some((x) => x.status === 'captured') && !reply) return 'the payment was captured, but the news never left the Payment service';
  }
  return messageFate(cmd.id, cmd.type, input);
}

/** Groups anomalies by kind, with every kind present. */
export function summarize(list: Anomaly[]): Record<AnomalyKind, { count: number; orders: string[] }> {
  const out = {} as Record<AnomalyKind, { count: number; orders: string[] }>;
  for (const k of ANOMALY_KINDS) out[k] = { count: 0, orders: [] };
  for (const a of list) {
    const e = out[a.kind];
    e.count++;
    for (const o of a.orderIds) if (!e.orders.includes(o)) e.orders.push(o);
  }
  return out;
}
