/**
 * Detectors for harm seen from the customer's side and from messages that can never move:
 * requests nobody answered, cancellations that vanished, orders that ended without the
 * customer being told, messages parked behind a gap, and orders parked for a human. Like the
 * other detectors they read ground truth only: what the customer sent and was answered, the
 * emails actually sent, the Order table, the provider's ledger and the services' buffers.
 */
import { CALLED_OFF, type DetectInput, lastChange } from './detectors';
import type { OrderRow } from './services/order';
import type { Anomaly, Message, OrderState } from './types';

/** The email that tells a customer how an order ended, by the state it ended in. */
const ENDING_EMAIL: Partial<Record<OrderState, 'shipped' | 'cancelled'>> = {
  Shipped: 'shipped',
  Cancelled: 'cancelled',
  Refunded: 'cancelled',
};

/** Describes what became of a message, for sentences. */
type Fate = (id: string, type: string) => string;

/** Runs the customer-side and rest-state detectors. */
export function detectCustomerHarm(input: DetectInput, fate: Fate): Anomaly[] {
  const out: Anomaly[] = [];
  const { s, now, quiescent, stuckAfterMs } = input;
  const due = (since: number) => quiescent || now - since >= stuckAfterMs;

  // vanishedRequest: every attempt lost, the customer stopped trying, and no order exists.
  for (const req of s.customer.requests.values()) {
    if ((s.order.byRequest.get(req.requestId)?.length ?? 0) > 0) continue;
    if (req.accepted.length > 0 || !due(req.sentAt)) continue;
    const fates = req.msgIds.map((id) => fate(id, 'PlaceOrder'));
    out.push({
      kind: 'vanishedRequest',
      orderIds: [],
      messageIds: [...req.msgIds],
      explanation: `Request ${req.requestId} was sent ${req.msgIds.length} time(s) and never answered, and no order exists for it: ${fates.join('; ')}. The customer was left waiting.`,
    });
  }

  // lostCancellation: the customer cancelled; the order went ahead and nobody said no.
  // The cancels thrown away, as a set: searching the list per request cost requests × ignored cancels.
  const ignored = new Set(s.order.cancelsIgnored.map((c) => c.msgId));
  for (const req of s.customer.requests.values()) {
    if (req.cancelSentAt === null || req.cancelMsgId === null || !due(req.cancelSentAt)) continue;
    const ids = s.order.byRequest.get(req.requestId) ?? [];
    // A cancel that overtook its order and was thrown away is reported as ignoredCancellation.
    if (ids.length === 0 || ignored.has(req.cancelMsgId)) continue;
    for (const id of ids) {
      const row = s.order.orders.get(id)!;
      // Called off at some point, or refused because it was too late: the customer got an answer.
      // An order parked for a human keeps the cancel for the reviewer: manualReview reports it.
      if (row.history.some((h) => CALLED_OFF.has(h.state)) || row.cancelRefused !== null || row.state === 'RequiresManualReview') continue;
      out.push({
        kind: 'lostCancellation',
        orderIds: [id],
        messageIds: [req.cancelMsgId],
        explanation: `The customer asked to cancel ${id}, but nobody carried it out or said no: ${fate(req.cancelMsgId, 'CancelOrder')}. The order went ahead (${row.state}).`,
      });
    }
  }

  // customerNeverTold: the order ended, and the email that says how never went out.
  const sent = new Map<string, Set<string>>();
  for (const e of s.notification.emails) {
    const set = sent.get(e.orderId) ?? new Set();
    set.add(e.template);
    sent.set(e.orderId, set);
  }
  // Built on the first order that needs it: a scan of every message, which most reports never need.
  let announcements: ReturnType<typeof announcementsByOrder> | null = null;
  for (const row of s.order.orders.values()) {
    const needed = ENDING_EMAIL[row.state];
    if (!needed || sent.get(row.id)?.has(needed)) continue;
    if (!due(lastChange(row))) continue;
    announcements ??= announcementsByOrder(s.messages);
    const news = announcements.get(row.id)?.[needed];
    out.push({
      kind: 'customerNeverTold',
      orderIds: [row.id],
      messageIds: news ? [news.id] : [],
      explanation: `Order ${row.id} ended ${row.state}, but the customer never got the "${needed}" email: ${news ? fate(news.id, news.type) : 'the news was never published'}.`,
    });
  }

  // parkedForever: at rest, anything still waiting somewhere will wait forever.
  if (quiescent) out.push(...parkedForever(input, fate));

  // manualReview: the dead-letter queue made the problem visible; no remedy healed it. It
  // harms the customer when money is still held, or when a cancel waits for the reviewer.
  let deadByOrder: Map<string, Message[]> | null = null;
  for (const row of s.order.orders.values()) {
    if (row.state !== 'RequiresManualReview' || s.shipping.shipments.has(row.id)) continue;
    const held = s.provider.held(row.id);
    const cancel = s.customer.requests.get(row.requestId)?.cancelSentAt ?? null;
    const moneyHeld = held > 0 && due(lastChange(row));
    // A cancel the Order service already refused (too late) got its answer; it does not wait.
    const cancelWaits = cancel !== null && due(cancel) && row.cancelRefused === null && !row.history.some((h) => CALLED_OFF.has(h.state));
    if (!moneyHeld && !cancelWaits) continue;
    // Grouped once: filtering the dead-letter queue per order cost orders parked × dead letters.
    deadByOrder ??= groupByOrder(s.bus.dlq);
    out.push(manualReview(row, moneyHeld ? held : 0, cancelWaits, deadByOrder));
  }
  return out;
}

function parkedForever(input: DetectInput, fate: Fate): Anomaly[] {
  const { s } = input;
  const out: Anomaly[] = [];
  const add = (msg: Message, where: string, why: string, culprits: string[]) => {
    const about = msg.orderId ? `order ${msg.orderId}` : `request ${msg.requestId}`;
    out.push({ kind: 'parkedForever', orderIds: msg.orderId ? [msg.orderId] : [], messageIds: culprits, explanation: `${msg.type} ${msg.id} about ${about} waits in ${where} and will never be handled: ${why}.` });
  };
  let bySeq: Map<string, Message> | null = null;
  for (const svc of [s.customer, s.order, s.payment, s.inventory, s.shipping, s.notification, s.analytics]) {
    for (const p of svc.parkedWithGap()) {
      bySeq ??= messagesBySeq(s.messages);
      const gap = bySeq.get(seqKey(p.msg.topic, p.msg.key, p.waitingFor));
      add(p.msg, `${svc.id}'s version buffer`, `it waits for sequence number ${p.waitingFor}, and ${gap ? fate(gap.id, gap.type) : 'no message with that number was ever sent'}`, gap ? [p.msg.id, gap.id] : [p.msg.id]);
    }
    for (const row of svc.outbox) add(row.msg, `${svc.id}'s outbox`, 'the relay stopped trying to publish it', [row.msg.id]);
  }
  for (const p of s.bus.partitions()) for (const d of p.queue) add(d.msg, `partition ${p.index} of ${p.topic}`, `${p.group} no longer reads it`, [d.msg.id]);
  for (const t of s.bus.transit.values()) add(t.msg, 'transit to the broker', 'the broker never stored it', [t.msg.id]);
  return out;
}

function manualReview(row: OrderRow, held: number, cancelWaits: boolean, deadByOrder: Map<string, Message[]>): Anomaly {
  const dead = deadByOrder.get(row.id) ?? [];
  const what = dead.map((m) => `${m.type} ${m.id}`).join(', ') || 'a message';
  const harm = [held > 0 ? `the provider still holds ${held} of the customer's money` : '', cancelWaits ? "the customer's cancellation waits for the reviewer too" : ''].filter(Boolean);
  const money = harm.join(', and ');
  return {
    kind: 'manualReview',
    orderIds: [row.id],
    messageIds: dead.map((m) => m.id),
    explanation: `Order ${row.id} waits for a human: ${what} kept failing and was dead-lettered, and ${money}. Visible, not healed.`,
  };
}

/** The OrderShipped / OrderCancelled event of each order, the news an ending email carries. */
function announcementsByOrder(messages: ReadonlyMap<string, Message>): Map<string, { shipped?: Message; cancelled?: Message }> {
  const out = new Map<string, { shipped?: Message; cancelled?: Message }>();
  // forEach rather than values(): GrowMap's values() is a generator, which costs more per message.
  messages.forEach((m) => {
    if (!m.orderId || m.topic !== 'order.events') return;
    const slot = m.type === 'OrderShipped' ? 'shipped' : m.type === 'OrderCancelled' ? 'cancelled' : null;
    if (!slot) return;
    const entry = out.get(m.orderId) ?? {};
    entry[slot] ??= m;
    out.set(m.orderId, entry);
  });
  return out;
}

/**
 * The first message sent with each topic, key and sequence number, built once per report: a scan
 * of every message per parked one cost parked × messages (thousands × a million in a long run).
 */
function messagesBySeq(messages: ReadonlyMap<string, Message>): Map<string, Message> {
  const out = new Map<string, Message>();
  messages.forEach((m) => {
    const k = seqKey(m.topic, m.key, m.seq);
    if (!out.has(k)) out.set(k, m);
  });
  return out;
}

function seqKey(topic: string, key: string, seq: number): string {
  return `${topic}\u0000${key}\u0000${seq}`;
}

/** Dead letters by the order they are about, in queue order. */
function groupByOrder(dlq: readonly Message[]): Map<string, Message[]> {
  const out = new Map<string, Message[]>();
  for (const m of dlq) {
    if (!m.orderId) continue;
    const list = out.get(m.orderId);
    if (list) list.push(m);
    else out.set(m.orderId, [m]);
  }
  return out;
}
