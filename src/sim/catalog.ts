/**
 * The learner-facing names and one-line explanations of every fault, remedy and anomaly.
 * The UI, the lessons and the runner all read these, so a concept is named once.
 */
import type { AnomalyKind, Faults, Remedies } from './types';

/** How a numeric control is edited. */
export interface NumberControl {
  kind: 'probability' | 'ms';
  label: string;
  help: string;
  min: number;
  max: number;
  step: number;
}

/** Every fault, in the order the UI lists them. */
export const FAULTS: Record<keyof Faults, NumberControl> = {
  drop: { kind: 'probability', label: 'Dropped publish', help: 'A publish is lost before the broker stores it.', min: 0, max: 1, step: 0.05 },
  duplicate: { kind: 'probability', label: 'Duplicate delivery', help: 'The broker delivers a message a second time.', min: 0, max: 1, step: 0.05 },
  reorder: { kind: 'probability', label: 'Reordering', help: 'A message is held up in transit, so later messages overtake it.', min: 0, max: 1, step: 0.05 },
  latencyMs: { kind: 'ms', label: 'Bus latency', help: 'Average time a message spends on the bus.', min: 1, max: 500, step: 1 },
  jitterMs: { kind: 'ms', label: 'Latency jitter', help: 'Random extra delay added to each message.', min: 0, max: 500, step: 1 },
  crashAfterCommit: { kind: 'probability', label: 'Crash between commit and publish', help: 'A service saves its change, then dies before it publishes the event or acks.', min: 0, max: 1, step: 0.05 },
  crashBeforeAck: { kind: 'probability', label: 'Crash before ack', help: 'A consumer finishes its work, then dies before acknowledging, so the broker redelivers.', min: 0, max: 1, step: 0.05 },
  paymentTimeout: { kind: 'probability', label: 'Payment provider timeout', help: 'The provider charges the card, but its answer never reaches the Payment service.', min: 0, max: 1, step: 0.05 },
  clientRetry: { kind: 'probability', label: 'Client retry', help: 'An impatient customer sends the same order request again.', min: 0, max: 1, step: 0.05 },
  poison: { kind: 'probability', label: 'Poison message', help: 'A malformed command that fails every time it is handled.', min: 0, max: 1, step: 0.01 },
  clockSkewMs: { kind: 'ms', label: 'Clock skew', help: "Each service's clock is off by up to this much, and the error changes when it resyncs (about twice a second, sometimes backwards), so timestamps lie about what happened last.", min: 0, max: 5000, step: 10 },
  raceWindowMs: { kind: 'ms', label: 'Race for the last item', help: 'Two Inventory instances can read the same stock before either writes it back.', min: 0, max: 200, step: 1 },
};

/** Every remedy, in the order the UI lists them. */
export const REMEDIES: Record<keyof Remedies, { label: string; help: string }> = {
  outbox: { label: 'Transactional outbox', help: 'Events are saved in the same local transaction as the change and relayed until the broker has them.' },
  idempotentConsumer: { label: 'Idempotent consumer', help: 'Each consumer records processed message ids in the same transaction and skips repeats.' },
  idempotencyKey: { label: 'Idempotency keys', help: 'Charges and order creation carry a key; a repeat returns the first result instead of acting again.' },
  ordering: { label: 'Per-key ordering', help: "Keep one order's messages in sequence: same partition per order, or version numbers with buffering." },
  retries: { label: 'Retries with backoff', help: 'Failed work is retried after growing, jittered delays, a bounded number of times.' },
  deadLetterQueue: { label: 'Dead-letter queue', help: 'A message that keeps failing is parked for a human instead of blocking its partition.' },
  saga: { label: 'Saga compensation', help: 'When a later step fails, earlier steps are undone by compensations: refund, release stock, cancel.' },
  reconciliation: { label: 'Reconciliation', help: 'A periodic job compares the services with each other and repairs what disagrees.' },
  conditionalUpdate: { label: 'Conditional updates', help: 'Stock is reserved with compare-and-set, so two instances cannot both take the last item.' },
  lastWriteWins: { label: 'Last write wins (timestamps)', help: 'The dashboard keeps the update with the newest sender timestamp, not the last one to arrive. Skewed clocks fool it.' },
  logicalClocks: { label: 'Logical clocks', help: 'The dashboard keeps the update with the highest Lamport clock, so an effect always beats its cause.' },
};

/** Labels for the ordering choices. */
export const ORDERING_LABELS: Record<Remedies['ordering'], string> = {
  none: 'None',
  partitionByKey: 'Partition by order id',
  versioned: 'Version numbers + buffering',
};

/** Every anomaly kind, with a short title and what it means. */
export const ANOMALIES: Record<AnomalyKind, { title: string; help: string }> = {
  lostOrder: { title: 'Lost order', help: 'The Order service accepted the order, but it never moved past PendingPayment and the Payment service never heard of it.' },
  duplicateOrder: { title: 'Duplicate order', help: 'One customer request created more than one order.' },
  doubleCharge: { title: 'Double charge', help: 'The provider holds more money for the order than its price.' },
  paidNotFulfilled: { title: 'Paid, not fulfilled', help: 'The customer paid, got no goods and no refund.' },
  inventoryDrift: { title: 'Inventory drift', help: "Inventory's stock count disagrees with the units actually held for live orders." },
  oversold: { title: 'Oversold', help: 'More units were promised than the warehouse ever had.' },
  shippedUnpaid: { title: 'Shipped unpaid', help: 'Goods left the warehouse for an order with no money captured.' },
  duplicateEmail: { title: 'Duplicate email', help: 'The customer got the same email twice.' },
  contradictoryEmails: { title: 'Contradictory emails', help: 'The customer was told something that did not come true: confirmed, then called off; or cancelled, yet shipped.' },
  stuck: { title: 'Stuck order', help: 'The order is still in an in-between state long after it was placed.' },
  readModelDrift: { title: 'Dashboard drift', help: 'After everything settled, the analytics dashboard still disagrees with the Order service.' },
  ignoredCancellation: { title: 'Cancellation ignored', help: 'The customer cancelled before the order existed on the server, so the cancellation found nothing and the order went ahead.' },
  vanishedRequest: { title: 'Vanished request', help: 'The customer sent an order request, every attempt was lost, and no order exists: nobody ever answered.' },
  lostCancellation: { title: 'Lost cancellation', help: 'The customer asked to cancel, but the cancellation never reached the Order service: it was neither carried out nor refused, and the order went ahead.' },
  customerNeverTold: { title: 'Customer never told', help: 'The order ended (shipped or cancelled), but the customer never got the email that says so.' },
  parkedForever: { title: 'Message parked forever', help: 'A message waits in a version buffer for an earlier one that will never arrive, so it is never handled.' },
  manualReview: { title: 'Manual review (visible, not healed)', help: 'A message about the order was dead-lettered, so the order waits for a human. The dead-letter queue makes this visible; it does not heal it.' },
};

/** Anomaly kinds that no remedy heals, only makes visible: the report says so instead of "none". */
export const VISIBLE_NOT_HEALED: ReadonlySet<AnomalyKind> = new Set<AnomalyKind>(['manualReview']);

/** Anomaly kinds in display order. */
export const ANOMALY_KINDS = Object.keys(ANOMALIES) as AnomalyKind[];
