/**
 * Anomaly detectors. Each reads ground truth — the provider's ledger, the warehouse, the stock
 * count, the emails actually sent, the Order service's table — never a service's opinion of
 * itself, and names the orders and the messages behind what it finds. Checks that only make
 * sense once things have settled (drift, stuck, lost) wait for quiescence or for the order's
 * time limit.
 */
import { ANOMALY_KINDS } from './catalog';
import type { GrowSet } from './growOnly';
import { detectCustomerHarm } from './customerDetectors';
import { TERMINAL } from './machines/orderMachine';
import type { OrderRow } from './services/order';
import type { Anomaly, AnomalyKind, Message, Remedies } from './types';
import type { Services } from './world';

/** What the engine learned from the trace that the tables don't keep. */
export interface Facts {
  dropped: GrowSet<string>;
  crashLost: GrowSet<string>;
  /** Deliveries to Inventory per message id (a repeat means stock may be counted twice). */
  deliveries: Map<string, number>;
  skipped: GrowSet<string>;
  delivered: GrowSet<string>;
  /** Messages parked in a version buffer at some point. */
  buffered: GrowSet<string>;
  /** Net stock change Inventory recorded per order (reservations minus releases). */
  stockNet: Map<string, number>;
  /** Orders whose shipment failed because the warehouse had no unit left. */
  shipmentFailed: GrowSet<string>;
}

/** The detectors' inputs. */
export interface DetectInput {
  s: Services;
  facts: Facts;
  now: number;
  quiescent: boolean;
  stuckAfterMs: number;
  remedies: Remedies;
}

/** Runs every detector. */
export function detect(input: DetectInput): Anomaly[] {
  const out: Anomaly[] = [];
  const { s, now, quiescent, stuckAfterMs } = input;
  const orders = [...s.order.orders.values()];
  // A promise is due at rest, or once it is older than the stuck limit (a run cut by its
  // duration lets younger things be: they may still be on their way).
  const overdue = (row: OrderRow) => quiescent || now - row.placedAt >= stuckAfterMs;
  const settled = (row: OrderRow) => quiescent || now - lastChange(row) >= stuckAfterMs;

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
    if (shipped) {
      const problems: string[] = [];
      if (held < row.amount) problems.push(`the provider holds ${held} of its price ${row.amount}`);
      if (CALLED_OFF.has(row.state)) problems.push(`the order is ${row.state}`);
      const sh = s.shipping.shipments.get(row.id)!;
      if (!row.history.some((h) => h.state === 'Confirmed' && h.t <= sh.at)) problems.push('it was never confirmed before it left');
      if (problems.length) out.push({ kind: 'shippedUnpaid', orderIds: [row.id], messageIds: [sh.msgId], explanation: `Order ${row.id} left the warehouse, but ${problems.join(', and ')}.` });
    }

    // lostOrder / stuck
    if (!TERMINAL.has(row.state) && overdue(row)) {
      const knownToPayment = (s.payment.byOrder.get(row.id)?.length ?? 0) > 0 || charges.length > 0;
      const cmd = row.lastCommand;
      const fate = cmd ? messageFate(cmd.id, cmd.type, input) : 'no command was ever recorded';
      if (row.state === 'PendingPayment' && !knownToPayment) {
        const dash = s.analytics.rows.get(row.id);
        const seen = dash ? ` (the dashboard lists it as ${dash.state}, but that cannot move it on)` : '';
        out.push({ kind: 'lostOrder', orderIds: [row.id], messageIds: cmd ? [cmd.id] : [row.createdBy], explanation: `Order ${row.id} was accepted, then nothing happened: ${fate}. The Payment service never heard of it${seen}.` });
      } else {
        out.push({ kind: 'stuck', orderIds: [row.id], messageIds: cmd ? [cmd.id] : [], explanation: `Order ${row.id} is still ${row.state} ${Math.round((now - row.placedAt) / 100) / 10} s after it was placed: ${stuckReason(row, input)}.` });
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
  }

  // contradictoryEmails — an email that did not come true: a confirmation promises delivery, so
  // calling the order off afterwards breaks it; a cancellation or shipping notice must be so.
  for (const [orderId, emails] of byOrder) {
    const row = s.order.orders.get(orderId);
    if (!row) continue;
    const shipped = s.shipping.shipments.has(orderId);
    const has = (t: string) => emails.filter((e) => e.template === t).map((e) => e.msgId);
    const confirmed = has('confirmed');
    const cancelled = has('cancelled');
    const calledOff = row.history.some((h) => CALLED_OFF.has(h.state));
    let why: string | null = null;
    if (confirmed.length && !shipped && CALLED_OFF.has(row.state)) {
      why = cancelled.length
        ? `was told the order is confirmed, then that it is cancelled${oversold.broken.has(orderId) ? ': it was promised a unit that did not exist, and no compensation can unsend the first email' : ''}`
        : `was told the order is confirmed, but it ended ${row.state} without shipping`;
    } else if (cancelled.length && (shipped || !calledOff)) why = `was told the order is cancelled, but it ${shipped ? 'shipped' : `is ${row.state}`}`;
    else if (has('shipped').length && !shipped) why = 'was told the order shipped, but nothing left the warehouse';
    if (why) out.push({ kind: 'contradictoryEmails', orderIds: [orderId], messageIds: [...confirmed, ...cancelled], explanation: `The customer of ${orderId} ${why}.` });
  }

  // oversold: more units promised to customers (orders confirmed) than the warehouse ever had.
  if (oversold.broken.size > 0) {
    const race = s.inventory.lostUpdates.length > 0;
    for (const id of oversold.broken) {
      const row = s.order.orders.get(id)!;
      out.push({
        kind: 'oversold',
        orderIds: [id],
        messageIds: [confirmedBy(row, input)].filter((x): x is string => x !== null),
        explanation: `Order ${id} was confirmed to the customer while ${oversold.promised} units were promised against ${s.inventory.initial} in the warehouse: ${
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
    const sentAt = s.customer.requests.get(c.requestId)?.cancelSentAt ?? c.t;
    if (!quiescent && now - sentAt < stuckAfterMs) continue;
    for (const id of s.order.byRequest.get(c.requestId) ?? []) {
      const row = s.order.orders.get(id)!;
      // Cancelled after all, or parked for a human (who decides): not an ignored cancellation.
      if (row.history.some((h) => CALLED_OFF.has(h.state)) || row.state === 'RequiresManualReview') continue;
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
      const overtaken = r && r.msgId === s.analytics.overtakenBy.get(row.id) ? r.msgId : undefined;
      const why = !r
        ? 'no event about it ever reached the dashboard'
        : overtaken
          ? `the older update ${overtaken} arrived last and overwrote the newer one, because the dashboard applies updates in arrival order`
          : discarded && !input.remedies.logicalClocks
            ? `a newer update (${discarded}) was thrown away as "older" because the sender's clock was behind`
            : 'the event that would have updated it never arrived';
      const culprit = overtaken ?? discarded;
      out.push({ kind: 'readModelDrift', orderIds: [row.id], messageIds: culprit ? [culprit] : [], explanation: `The dashboard shows ${row.id} as ${r?.state ?? 'missing'}, but the Order service says ${row.state}: ${why}.` });
    }
  }
  out.push(...detectCustomerHarm(input, (id, type) => messageFate(id, type, input)));
  return out;
}

/**
 * Units promised to customers over time: an order promises its quantity when it is confirmed
 * and keeps the promise until it ships (delivered, still counted) or is called off (withdrawn).
 * When more was promised at once than the warehouse ever had, the orders whose promise was
 * broken are those promised at that moment that did not ship.
 */
function promises(input: DetectInput): { promised: number; broken: Set<string> } {
  const { s } = input;
  const steps: { t: number; id: string; units: number }[] = [];
  for (const row of s.order.orders.values()) {
    let open = false;
    for (const h of row.history) {
      if (h.state === 'Confirmed' && !open) {
        open = true;
        steps.push({ t: h.t, id: row.id, units: row.quantity });
      } else if (open && h.state !== 'Confirmed' && h.state !== 'Shipped') {
        open = false;
        steps.push({ t: h.t, id: row.id, units: -row.quantity });
      }
    }
  }
  // Withdrawals at an instant come before new promises at the same instant.
  steps.sort((a, b) => a.t - b.t || a.units - b.units);
  let total = 0;
  let peak = 0;
  let peakAt = -1;
  for (let i = 0; i < steps.length; i++) {
    total += steps[i].units;
    if (total > s.inventory.initial && total > peak) {
      peak = total;
      peakAt = i;
    }
  }
  if (peak === 0) return { promised: 0, broken: new Set() };
  // Who held a promise at the (last) peak: replayed once up to it, rather than listed at every new
  // peak, which cost orders × peaks in a run that kept overselling.
  const live = new Map<string, number>();
  for (let i = 0; i <= peakAt; i++) live.set(steps[i].id, (live.get(steps[i].id) ?? 0) + steps[i].units);
  const atPeak = [...live].filter(([, u]) => u > 0).map(([id]) => id);
  const unshipped = atPeak.filter((id) => !s.shipping.shipments.has(id));
  return { promised: peak, broken: new Set(unshipped.length ? unshipped : atPeak) };
}

/** The StockReserved reply that moved an order to Confirmed, if it is known. */
function confirmedBy(row: OrderRow, input: DetectInput): string | null {
  return input.s.inventory.lastReply.get(row.id)?.id ?? null;
}

/**
 * At rest, Inventory's count must equal the initial stock minus the units shipped and the units
 * still set aside for open orders. The culprits are the orders whose own stock movements do not
 * fit their fate (counted down twice; still held after the order was called off) and any lost
 * update of the race.
 */
function inventoryDrift(input: DetectInput): Anomaly | null {
  const { s, facts } = input;
  let shippedUnits = 0;
  let openUnits = 0;
  const twice: string[] = [];
  const leaked: string[] = [];
  for (const row of s.order.orders.values()) {
    const took = -(facts.stockNet.get(row.id) ?? 0);
    if (s.shipping.shipments.has(row.id)) {
      shippedUnits += s.shipping.shipments.get(row.id)!.quantity;
      if (took !== row.quantity) (took > row.quantity ? twice : leaked).push(row.id);
    } else if (CALLED_OFF.has(row.state)) {
      if (took !== 0) (took > row.quantity ? twice : leaked).push(row.id);
    } else {
      // Still open (or waiting for a human): holding its unit or not are both fine.
      // It may hold what its own moves took (or have had it handed back by a recount).
      openUnits += Math.min(row.quantity, Math.max(0, took));
      if (took !== 0 && took !== row.quantity) twice.push(row.id);
    }
  }
  const most = s.inventory.initial - shippedUnits;
  const least = most - openUnits;
  if (s.inventory.available >= least && s.inventory.available <= most) return null;
  const orders: string[] = [];
  const messages: string[] = [];
  const why: string[] = [];
  if (twice.length) {
    const twiceSet = new Set(twice);
    for (const [id, n] of facts.deliveries) {
      const m = s.messages.get(id);
      if (n > 1 && m?.type === 'ReserveStock' && m.orderId && twiceSet.has(m.orderId)) messages.push(id);
    }
    orders.push(...twice);
    why.push(`the stock of ${twice.join(', ')} was counted down more than once`);
  }
  if (leaked.length) {
    orders.push(...leaked);
    why.push(`stock is still set aside for ${leaked.join(', ')}, which was called off`);
  }
  if (s.inventory.lostUpdates.length) {
    const named = new Set(orders);
    for (const u of s.inventory.lostUpdates) {
      if (!named.has(u.orderId)) {
        named.add(u.orderId);
        orders.push(u.orderId);
      }
      messages.push(u.msgId);
    }
    why.push(`the reservation for ${[...new Set(s.inventory.lostUpdates.map((u) => u.orderId))].join(', ')} was written from a stale read and overwrote a concurrent write (a lost update)`);
  }
  return {
    kind: 'inventoryDrift',
    orderIds: orders,
    messageIds: [...new Set(messages)],
    explanation: `Inventory counts ${s.inventory.available} units available, but with ${s.inventory.initial} in stock and ${shippedUnits} shipped it should be ${least === most ? most : `between ${least} and ${most}`}: ${why.join('; ') || 'the count and the orders disagree'}.`,
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
  let index = blockers.get(input);
  if (!index) {
    // Built once per report: scanning every queue for every unanswered message cost stuck orders × backlog.
    index = new Map();
    for (const p of input.s.bus.partitions()) {
      const head = p.queue.at(0)?.msg;
      if (!head?.poison) continue;
      // The first partition in order wins, as a scan per message would find it.
      for (const d of p.queue) if (d.msg.id !== head.id && !index.has(d.msg.id)) index.set(d.msg.id, head);
    }
    blockers.set(input, index);
  }
  const head = index.get(id);
  return head ? { id: head.id, type: head.type } : null;
}

/** Per report: the poison message each queued message waits behind. */
const blockers = new WeakMap<DetectInput, Map<string, Message>>();

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

/** When the order last changed state. */
export function lastChange(row: OrderRow): number {
  return row.history.length ? row.history[row.history.length - 1].t : row.placedAt;
}

/** States in which the order was called off (it will not ship). */
export const CALLED_OFF: ReadonlySet<string> = new Set(['Cancelled', 'RefundPending', 'Refunded']);

/** Groups anomalies by kind, with every kind present. */
export function summarize(list: Anomaly[]): Record<AnomalyKind, { count: number; orders: string[] }> {
  const out = {} as Record<AnomalyKind, { count: number; orders: string[] }>;
  for (const k of ANOMALY_KINDS) out[k] = { count: 0, orders: [] };
  // Which orders each kind already names: a list searched per anomaly cost anomalies² in a long run.
  const seen = new Map<AnomalyKind, Set<string>>();
  for (const a of list) {
    const e = out[a.kind];
    e.count++;
    let named = seen.get(a.kind);
    if (!named) {
      named = new Set();
      seen.set(a.kind, named);
    }
    for (const o of a.orderIds) {
      if (named.has(o)) continue;
      named.add(o);
      e.orders.push(o);
    }
  }
  return out;
}
