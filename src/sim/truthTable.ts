/**
 * The fault → symptom → remedy table. It is data, so the test suite proves every row (symptoms
 * appear without the remedy for some seed; never with it, across many seeds) and the docs, the
 * lessons and the UI show the same table.
 */
import type { AnomalyKind, Remedies, ScenarioInput } from './types';

/** One row: a fault in a context, what it breaks, and what heals it. */
export interface TruthRow {
  id: string;
  /** The fault, in the learner's words. */
  fault: string;
  /**
   * The scenario that shows it (fault on, plus any context remedies that isolate it). Rows whose
   * remedy resends or redelivers old events keep last-write-wins on, so an old event arriving late
   * cannot move the dashboard back; the `reorder-dashboard` row shows that harm on its own.
   */
  scenario: ScenarioInput;
  /** What learners see without the remedy. Each one appears for some seed (tested). */
  symptoms: AnomalyKind[];
  /** Remedies to add; with them on, no anomaly appears for any seed except those in `remains`. */
  heal: Partial<Remedies>;
  /** What stays visible, not healed, with the remedies on (e.g. an order parked for manual review). */
  remains?: AnomalyKind[];
  /** Why, in one sentence — including what the remedy cannot do. */
  why: string;
}

/** The table. Probabilities are deliberately high so a short run shows the effect. */
export const TRUTH_TABLE: TruthRow[] = [
  {
    id: 'drop',
    fault: 'Dropped publish',
    scenario: { faults: { drop: 0.2 }, remedies: { lastWriteWins: true } },
    symptoms: ['lostOrder', 'stuck', 'duplicateOrder'],
    heal: { outbox: true, idempotencyKey: true },
    why: 'The outbox keeps every event in the same transaction as the change and republishes it until the broker has it; the idempotency key absorbs the customer resending a request whose answer was lost.',
  },
  {
    id: 'duplicate',
    fault: 'Duplicate delivery',
    scenario: { faults: { duplicate: 0.3 } },
    symptoms: ['doubleCharge', 'inventoryDrift', 'duplicateEmail', 'duplicateOrder'],
    heal: { idempotentConsumer: true },
    why: 'Each consumer records the ids it processed in the same transaction as its work and skips repeats.',
  },
  {
    id: 'reorder',
    fault: 'Reordering',
    scenario: { faults: { reorder: 0.5 }, workload: { cancelRatio: 0.5, cancelAfterMs: 30 }, remedies: { saga: true } },
    symptoms: ['ignoredCancellation'],
    heal: { ordering: 'partitionByKey' },
    why: "Keyed partitions keep one request's messages in one log, so a cancellation can no longer overtake the order it cancels.",
  },
  {
    id: 'reorder-versioned',
    fault: 'Reordering',
    scenario: { faults: { reorder: 0.5 }, workload: { cancelRatio: 0.5, cancelAfterMs: 30 }, remedies: { saga: true } },
    symptoms: ['ignoredCancellation'],
    heal: { ordering: 'versioned' },
    why: 'Sequence numbers let the consumer buffer a message that arrives early until the ones before it have been handled.',
  },
  {
    id: 'reorder-dashboard',
    fault: 'Reordering',
    scenario: { faults: { reorder: 0.2 } },
    symptoms: ['readModelDrift'],
    heal: { logicalClocks: true },
    why: 'The dashboard applies updates in the order they arrive, so an overtaken update leaves an order on an old state; ordering by Lamport clock keeps the effect over its cause.',
  },
  {
    id: 'crashAfterCommit',
    fault: 'Crash between commit and publish',
    scenario: { faults: { crashAfterCommit: 0.1 }, remedies: { lastWriteWins: true } },
    symptoms: ['lostOrder', 'stuck', 'duplicateOrder', 'doubleCharge', 'duplicateEmail'],
    heal: { outbox: true, idempotentConsumer: true, idempotencyKey: true },
    why: 'The outbox makes the event part of the commit; the redelivered message is recognised by the idempotent consumer; a payment resumed after the crash carries its idempotency key.',
  },
  {
    id: 'crashBeforeAck',
    fault: 'Crash before ack',
    scenario: { faults: { crashBeforeAck: 0.2 }, remedies: { lastWriteWins: true } },
    symptoms: ['doubleCharge', 'duplicateOrder', 'duplicateEmail'],
    heal: { idempotentConsumer: true, idempotencyKey: true },
    why: "The redelivered message is skipped by the idempotent consumer; a provider call resumed after the crash is recognised by its idempotency key.",
  },
  {
    id: 'paymentTimeout',
    fault: 'Payment provider timeout',
    scenario: { faults: { paymentTimeout: 0.4 } },
    symptoms: ['paidNotFulfilled'],
    heal: { retries: true, idempotencyKey: true, reconciliation: true },
    why: 'Retries get an answer, the idempotency key makes a retry return the first charge instead of a second one, and reconciliation refunds the rare charge whose every retry timed out.',
  },
  {
    id: 'paymentTimeout-retries',
    fault: 'Payment provider timeout, retried without a key',
    scenario: { faults: { paymentTimeout: 0.4 }, remedies: { retries: true } },
    symptoms: ['doubleCharge'],
    heal: { idempotencyKey: true, reconciliation: true },
    why: 'Retrying a charge is only safe with an idempotency key: without one, every retry whose first reply was lost is a second charge.',
  },
  {
    id: 'clientRetry',
    fault: 'Client retry',
    scenario: { faults: { clientRetry: 0.5 }, remedies: { idempotentConsumer: true } },
    symptoms: ['duplicateOrder'],
    heal: { idempotencyKey: true },
    why: 'A resent request is a new message, so message dedup cannot see it; only the request id, used as an idempotency key, can.',
  },
  {
    id: 'poison',
    fault: 'Poison message',
    scenario: { faults: { poison: 0.1 }, durationMs: 20_000 },
    symptoms: ['stuck', 'lostOrder'],
    heal: { deadLetterQueue: true, retries: true },
    remains: ['manualReview'],
    why: 'Bounded retries stop the hot loop, and the dead-letter queue moves the message aside so its partition flows again; the order is parked for manual review — visible, not fixed.',
  },
  {
    id: 'stockPressure',
    fault: 'Out of stock after payment',
    scenario: { inventory: { stock: 10 } },
    symptoms: ['paidNotFulfilled'],
    heal: { saga: true },
    why: 'When reservation fails after payment, the saga compensates with a refund; the customer still saw the charge and the refund on their statement.',
  },
  {
    id: 'race',
    fault: 'Race for the last item',
    scenario: { faults: { raceWindowMs: 40 }, inventory: { stock: 5 }, workload: { intervalMs: 10 }, remedies: { saga: true } },
    symptoms: ['oversold', 'inventoryDrift', 'contradictoryEmails'],
    heal: { conditionalUpdate: true },
    why: 'A compare-and-set write fails when someone wrote in between, so the reservation is decided again on fresh stock. The saga alone cannot help: the confirmation email is already sent.',
  },
  {
    id: 'clockSkew',
    fault: 'Clock skew',
    scenario: { faults: { clockSkewMs: 1000 }, remedies: { lastWriteWins: true } },
    symptoms: ['readModelDrift'],
    heal: { logicalClocks: true },
    why: 'A dashboard that keeps the newest timestamp trusts clocks that disagree; Lamport clocks order updates by cause and effect instead.',
  },
];

/** Every remedy on: the configuration that must absorb any mix of faults. */
export const ALL_REMEDIES: Remedies = {
  outbox: true,
  idempotentConsumer: true,
  idempotencyKey: true,
  ordering: 'versioned',
  retries: true,
  deadLetterQueue: true,
  saga: true,
  reconciliation: true,
  conditionalUpdate: true,
  logicalClocks: true,
  lastWriteWins: true,
};

/** The table as Markdown rows, as the README shows it (a test keeps the README in step). */
export function truthTableMarkdown(labels: { anomaly: (k: AnomalyKind) => string; remedy: (k: keyof Remedies) => string }): string[] {
  return TRUTH_TABLE.map((r) => {
    const heal = (Object.entries(r.heal) as [keyof Remedies, unknown][])
      .map(([k, v]) => (k === 'ordering' ? `${labels.remedy(k)} (${v})` : labels.remedy(k)))
      .join(' + ');
    const scenario = JSON.stringify(r.scenario).replace(/"/g, '');
    return `| \`${r.id}\` | ${r.fault} | \`${scenario}\` | ${r.symptoms.map(labels.anomaly).join(', ')} | ${heal} | ${r.why} |`;
  });
}
