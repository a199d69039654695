/**
 * Detectors for harm seen from the customer's side and from messages that can never move:
 * requests nobody answered, cancellations that vanished, orders that ended without the
 * customer being told, messages parked behind a gap, and orders parked for a human. Like the
 * other detectors they read ground truth only: what the customer sent and was answered, the
 * emails actually sent, the Order table, the provider's ledger and the services' buffers.
 */
import type { DetectInput } from './detectors';
import type { OrderRow } from './services/order';
import type { Anomaly, Message, OrderState } from './types';

/** The email that tells a customer how an order ended, by the state it ended in. */
const ENDING_EMAIL: Partial<Record<OrderState, 'shipped' | 'cancelled'>> = {
  Shipped: 'shipped',
  Cancelled: 'cancelled',
  Refunded: 'cancelled',
};
/** States in which a cancellation has been carried out. */
const CANCELLED_LIKE: ReadonlySet<OrderState> = new Set<OrderState>(['Cancelled', 'RefundPending', 'Refunded']);

/** Describes what became of a message, for sentences. */
type Fate = (id: string, type: string) => string;

/** Runs the customer-side and rest-state detectors. */
export function detectCustomerHarm(input: DetectInput, fate: Fate): Anomaly[] {
  const out: Anomaly[] = [];
  const { s, now, quiescent, ended, stuckAfterMs } = input;
  const atRest = quiescent || ended;

  // vanishedRequest: every attempt lost, the customer stopped trying, and no order exists.
  for (const req of s.customer.requests.values()) {
    if ((s.order.byRequest.get(req.requestId)?.length ?? 0) > 0) continue;
    if (!atRest && now - req.sentAt < stuckAfterMs) continue;
    const fates = req.msgIds.map((id) => fate(id, 'PlaceOrder'));
    out.push({
      kind: 'vanishedRequest',
      orderIds: [req.requestId],
      messageIds: [...req.msgIds],
      explanation: `Request ${req.requestId} was sent ${req.msgIds.length} time(s) and never answered, and no order exists for it: ${fates.join('; ')}. The customer was left waiting.`,
    });
  }

  // lostCancellation: the customer cancelled; the order went ahead and nobody said no.
  for (const req of s.customer.requests.values()) {
    if (req.cancelSentAt === null || req.cancelMsgId === null) continue;
    const ids = s.order.byRequest.get(req.requestId) ?? [];
    if (ids.length === 0) continue;
    // A cancel that overtook its order and was thrown away is reported as ignoredCancellation.
    if (s.order.cancelsIgnored.some((c) => c.msgId === req.cancelMsgId)) continue;
    for (const id of ids) {
      const row = s.order.orders.get(id)!;
      if (CANCELLED_LIKE.has(row.state) || row.cancelRefused !== null) continue;
      if (!atRest && now - req.cancelSentAt < stuckAfterMs) continue;
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
  const announcements = announcementsByOrder(s.messages);
  for (const row of s.order.orders.values()) {
    const needed = ENDING_EMAIL[row.state];
    if (!needed || sent.get(row.id)?.has(needed)) continue;
    if (!atRest && now - row.lastActivity < stuckAfterMs) continue;
    const news = announcements.get(row.id)?.[needed];
    out.push({
      kind: 'customerNeverTold',
      orderIds: [row.id],
      messageIds: news ? [news.id] : [],
      explanation: `Order ${row.id} ended ${row.state}, but the customer never got the "${needed}" email: ${news ? fate(news.id, news.type) : 'the news was never published'}.`,
    });
  }

  // parkedForever: at rest, anything still parked in a version buffer waits for nothing.
  if (atRest) {
    for (const svc of [s.customer, s.order, s.payment, s.inventory, s.shipping, s.notification, s.analytics]) {
      for (const p of svc.parked()) {
        const gap = findMessage(s.messages, p.msg.topic, p.msg.key, p.waitingFor);
        const subject = p.msg.orderId ?? p.msg.requestId;
        out.push({
          kind: 'parkedForever',
          orderIds: [subject],
          messageIds: gap ? [p.msg.id, gap.id] : [p.msg.id],
          explanation: `${p.msg.type} ${p.msg.id} for ${subject} waits in ${svc.id}'s version buffer for sequence number ${p.waitingFor}, which will never come: ${gap ? fate(gap.id, gap.type) : 'no message with that number was ever sent'}.`,
        });
      }
    }
  }

  // manualReview: the dead-letter queue made the problem visible; no remedy healed it.
  for (const row of s.order.orders.values()) {
    if (row.state !== 'RequiresManualReview') continue;
    out.push(manualReview(row, input));
  }
  return out;
}

function manualReview(row: OrderRow, input: DetectInput): Anomaly {
  const { s } = input;
  const held = s.provider.held(row.id);
  const dead = s.bus.dlq.filter((m) => m.orderId === row.id);
  const what = dead.map((m) => `${m.type} ${m.id}`).join(', ') || 'a message';
  const money = held > 0 ? `it still holds ${held} of the customer's money` : 'no money is held for it';
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
  for (const m of messages.values()) {
    if (!m.orderId || m.topic !== 'order.events') continue;
    const slot = m.type === 'OrderShipped' ? 'shipped' : m.type === 'OrderCancelled' ? 'cancelled' : null;
    if (!slot) continue;
    const entry = out.get(m.orderId) ?? {};
    entry[slot] ??= m;
    out.set(m.orderId, entry);
  }
  return out;
}

function findMessage(messages: ReadonlyMap<string, Message>, topic: string, key: string, seq: number): Message | undefined {
  for (const m of messages.values()) if (m.topic === topic && m.key === key && m.seq === seq) return m;
  return undefined;
}
