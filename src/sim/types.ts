/**
 * Shared types of the simulation: the scenario a run starts from, the messages on the bus,
 * the trace a run emits, and the report it ends with. Plain data only, so a run can be
 * serialised, hashed, diffed and replayed.
 */
import type { ChoiceSequence } from './choices';

/** Faults a scenario can switch on. Probabilities are in [0, 1]; times are virtual ms. */
export interface Faults {
  /** A publish is lost before the broker stores it. */
  drop: number;
  /** A stored message is delivered a second time. */
  duplicate: number;
  /** A message is held up in transit, so later ones can overtake it. */
  reorder: number;
  /** Mean one-way bus latency. */
  latencyMs: number;
  /** Uniform jitter added to the latency, in [0, jitterMs). */
  jitterMs: number;
  /** A service commits its local transaction, then crashes before it publishes or acks. */
  crashAfterCommit: number;
  /** A consumer commits and publishes, then crashes before it acks. */
  crashBeforeAck: number;
  /** The provider charges, but its reply to the Payment service is lost. */
  paymentTimeout: number;
  /** The customer resends the same order request (same request id, new message). */
  clientRetry: number;
  /** A command is malformed and fails every time a consumer handles it. */
  poison: number;
  /** Each service's clock is off by up to ± this many ms. */
  clockSkewMs: number;
  /** Time between an Inventory instance reading stock and writing it back (0 = atomic). */
  raceWindowMs: number;
}

/** Per-key ordering strategy for consumers. */
export type Ordering = 'none' | 'partitionByKey' | 'versioned';

/** Remedies a scenario can switch on. */
export interface Remedies {
  outbox: boolean;
  idempotentConsumer: boolean;
  idempotencyKey: boolean;
  ordering: Ordering;
  retries: boolean;
  deadLetterQueue: boolean;
  saga: boolean;
  reconciliation: boolean;
  conditionalUpdate: boolean;
  logicalClocks: boolean;
  /** The dashboard keeps the update with the newest sender timestamp instead of the last to arrive. */
  lastWriteWins: boolean;
}

/** The orders the customer places. */
export interface Workload {
  orders: number;
  intervalMs: number;
  quantity: number;
  price: number;
  /** Share of orders the customer asks to cancel shortly after placing them. */
  cancelRatio: number;
  /** How long after placing an order a cancelling customer asks to cancel. */
  cancelAfterMs: number;
}

/**
 * A control change made during a run. With `atEvent` (what the engine records) it is replayed at
 * exactly that position in the run; without it (hand-written files, links made before link
 * version 2) it takes effect at `atMs`, before the events scheduled at that time.
 */
/** A change of one fault or remedy setting during a run. */
export interface SettingChange {
  /** Virtual time of the change, in ms (what the timeline shows). */
  atMs: number;
  /** Scheduler events processed before the change was made: where a replay applies it. */
  atEvent?: number;
  /** e.g. "faults.duplicate" or "remedies.outbox". */
  path: string;
  value: number | boolean | string;
  whatIf?: undefined;
}

/** A what-if made by hand to one message (see whatIf.ts), recorded where in the run it was made. */
export interface WhatIfChange {
  atMs: number;
  /** Always present: message ids only mean something at an exact position in the run. */
  atEvent: number;
  whatIf: WhatIf;
  path?: undefined;
  value?: undefined;
}

/** Something recorded during a run that a replay makes again at the same position. */
export type ControlChange = SettingChange | WhatIfChange;

/** What can be done by hand to one message in flight or waiting in a partition. */
export type WhatIfAction = 'deliverNow' | 'duplicate' | 'drop' | 'delay' | 'crashAfterCommit' | 'crashBeforeAck';

/**
 * Which message a what-if is about: its id (stable across replays, since a replay makes the same
 * messages in the same order) and, once the broker has stored it, which consumer group's copy.
 * Without `to` it is the message still in transit to the broker.
 */
export interface WhatIfTarget {
  msg: string;
  to?: ServiceId;
}

/** One what-if: a target and an action; `delay` says by how many ms. */
export type WhatIf = WhatIfTarget & ({ action: Exclude<WhatIfAction, 'delay'>; ms?: undefined } | { action: 'delay'; ms: number });

/** Everything a run starts from. Same scenario ⇒ same trace, byte for byte. */
export interface Scenario {
  version: 1;
  name?: string;
  seed: number;
  workload: Workload;
  inventory: { stock: number };
  faults: Faults;
  remedies: Remedies;
  /** Hard stop in virtual ms; a run also stops earlier when nothing is left to happen. */
  durationMs: number;
  /** An order still in a non-terminal state this long after it was placed counts as stuck. */
  stuckAfterMs: number;
  changes: ControlChange[];
  /** Alert rules over the metrics; absent means the defaults (see alerts.ts). */
  alerts?: AlertRuleInput[];
  /**
   * A recorded (usually shrunk) sequence of the run's random decisions, replayed instead of the
   * seeded streams; where it runs out, every decision takes its simple value (see choices.ts).
   */
  choices?: ChoiceSequence;
}

/** One alert rule as a scenario states it (validated by `parseAlertRules`). */
export interface AlertRuleInput {
  id: string;
  title: string;
  metric: string;
  above: number;
  forMs: number;
  severity: 'warning' | 'critical';
}

/** A fully partial scenario, as read from a file or a link before defaults are filled in. */
export type ScenarioInput = {
  [K in keyof Scenario]?: Scenario[K] extends object
    ? Scenario[K] extends unknown[]
      ? Scenario[K]
      : Partial<Scenario[K]>
    : Scenario[K];
};

/** The services of the order flow. */
export type ServiceId =
  | 'customer'
  | 'order'
  | 'payment'
  | 'inventory'
  | 'shipping'
  | 'notification'
  | 'analytics';

/** Bus topics. */
export type Topic =
  | 'order.requests'
  | 'customer.replies'
  | 'payment.commands'
  | 'payment.events'
  | 'inventory.commands'
  | 'inventory.events'
  | 'shipping.commands'
  | 'shipping.events'
  | 'order.events'
  | 'dlq.events';

/** Message types on the bus. */
export type MessageType =
  | 'PlaceOrder'
  | 'CancelOrder'
  | 'OrderAccepted'
  | 'CancelRefused'
  | 'ChargePayment'
  | 'RefundPayment'
  | 'PaymentCaptured'
  | 'PaymentFailed'
  | 'PaymentRefunded'
  | 'ReserveStock'
  | 'ReleaseStock'
  | 'StockReserved'
  | 'StockRejected'
  | 'StockReleased'
  | 'ShipOrder'
  | 'Shipped'
  | 'ShipmentFailed'
  | 'OrderPlaced'
  | 'OrderPaid'
  | 'OrderConfirmed'
  | 'OrderCancelled'
  | 'OrderShipped'
  | 'OrderRefundPending'
  | 'OrderRefunded'
  | 'OrderNeedsReview'
  | 'DeadLettered';

/** A message as stored by the broker. Immutable once published. */
export interface Message {
  /** Unique per publish; a duplicate delivery carries the same id. */
  id: string;
  type: MessageType;
  topic: Topic;
  /** Partition key: the order id (or the request id before an order exists). */
  key: string;
  /** Correlation id: the order this message is about, if known. */
  orderId: string | null;
  /** The customer's request id, carried end to end. */
  requestId: string;
  from: ServiceId | 'dlq' | 'reconciler' | 'relay';
  /** Sender's wall-clock reading (virtual time plus the sender's clock skew). */
  sentAt: number;
  /** Lamport timestamp of the sender at publish time. */
  lamport: number;
  /** Per (topic, key) sequence number, 1-based, gap-free from a healthy producer. */
  seq: number;
  /** The producer had a bug: this message fails every time it is handled. */
  poison: boolean;
  payload: Record<string, number | string | boolean | null>;
}

/** Order process states (the Order service's per-order state machine). */
export type OrderState =
  | 'PendingPayment'
  | 'PaymentAuthorized'
  | 'Confirmed'
  | 'Shipped'
  | 'Cancelled'
  | 'RefundPending'
  | 'Refunded'
  | 'RequiresManualReview';

/** Anomaly kinds, all computed from ground truth. */
export type AnomalyKind =
  | 'lostOrder'
  | 'duplicateOrder'
  | 'doubleCharge'
  | 'paidNotFulfilled'
  | 'inventoryDrift'
  | 'oversold'
  | 'shippedUnpaid'
  | 'duplicateEmail'
  | 'contradictoryEmails'
  | 'stuck'
  | 'readModelDrift'
  | 'ignoredCancellation'
  | 'vanishedRequest'
  | 'lostCancellation'
  | 'customerNeverTold'
  | 'parkedForever'
  | 'manualReview';

/** Counters of what the remedies absorbed. */
export interface Healed {
  duplicatesAbsorbed: number;
  republished: number;
  buffered: number;
  compensated: number;
  reconciled: number;
  deadLettered: number;
}

/** One anomaly, with the orders and the messages that caused it. */
export interface Anomaly {
  kind: AnomalyKind;
  orderIds: string[];
  messageIds: string[];
  /** A plain-English sentence for learners. */
  explanation: string;
}

/** A trace event: everything observable that happened, in order. */
export type TraceEvent =
  | { t: number; kind: 'publish'; msg: Message; partition: number; deliverAt: number; via: 'direct' | 'outbox' }
  | { t: number; kind: 'drop'; msg: Message; to?: ServiceId }
  | { t: number; kind: 'deliver'; msgId: string; orderId: string | null; topic: Topic; to: ServiceId; attempt: number; duplicate: boolean; partition: number }
  | { t: number; kind: 'ack'; msgId: string; to: ServiceId }
  | { t: number; kind: 'absorbed'; msgId: string; to: ServiceId; why: 'dedup' | 'version' | 'state' | 'idempotencyKey' }
  | { t: number; kind: 'buffered'; msgId: string; to: ServiceId }
  | { t: number; kind: 'handlerFailed'; msgId: string; to: ServiceId; attempt: number; retryAt: number | null }
  | { t: number; kind: 'deadLettered'; msgId: string; to: ServiceId; orderId: string | null }
  | { t: number; kind: 'crash'; service: ServiceId; why: 'crashAfterCommit' | 'crashBeforeAck'; msgId: string | null; lostPublishes: string[] }
  | { t: number; kind: 'restart'; service: ServiceId }
  | { t: number; kind: 'state'; orderId: string; from: OrderState | null; to: OrderState; cause: string | null }
  | { t: number; kind: 'charge'; orderId: string; chargeId: string; amount: number; key: string | null; replayed: boolean; replyLost: boolean }
  | { t: number; kind: 'refund'; orderId: string; chargeId: string; amount: number }
  | { t: number; kind: 'stock'; orderId: string; delta: number; available: number; instance: number; why: string }
  | { t: number; kind: 'email'; orderId: string; template: 'confirmed' | 'cancelled' | 'shipped'; msgId: string }
  | { t: number; kind: 'shipment'; orderId: string; ok: boolean }
  | { t: number; kind: 'reconcile'; orderId: string | null; action: string }
  | { t: number; kind: 'control'; path: string; value: number | boolean | string }
  | { t: number; kind: 'request'; requestId: string; attempt: number; msgId: string }
  /** A what-if made by hand; its effect follows as the usual events (drop, deliver, crash…). */
  | { t: number; kind: 'whatIf'; msgId: string; to: ServiceId | null; action: WhatIfAction; ms: number | null };

/** Why a run stopped before it settled or reached `durationMs`. */
export interface StoppedEarly {
  /** The run used up its event budget (see budget.ts). */
  reason: 'eventBudget';
  /** Virtual time at which it stopped. */
  atMs: number;
  /** Scheduler events processed by then. */
  events: number;
  /** One sentence for learners and the runner. */
  message: string;
}

/** A recorded what-if a replay could not make: which change, and why (in words). */
export interface SkippedWhatIf {
  /** e.g. "changes[3]". */
  field: string;
  problem: string;
}

/** The report a run ends with (and the headless runner prints). */
export interface Report {
  scenario: Scenario;
  traceHash: string;
  endTimeMs: number;
  quiescent: boolean;
  /** Present only when the run was cut short (its event budget ran out). */
  stoppedEarly?: StoppedEarly;
  /** Present only when recorded what-ifs could not be made in this run (e.g. a hand-edited file). */
  skippedWhatIfs?: SkippedWhatIf[];
  orders: { id: string; requestId: string; state: OrderState; anomalies: AnomalyKind[] }[];
  anomalies: Record<AnomalyKind, { count: number; orders: string[] }>;
  anomalyList: Anomaly[];
  healed: Healed;
  ledger: { charged: number; refunded: number; charges: number; refunds: number };
  stock: { initial: number; available: number; reserved: number; shipped: number };
  metrics: {
    published: number;
    delivered: number;
    dropped: number;
    duplicated: number;
    crashes: number;
    retries: number;
    emails: number;
    events: number;
  };
}
