/**
 * The names, units and meanings of every metric the recorder keeps, and the column layout of
 * recorded series. Plain data with no engine imports, so alert rules, charts and lessons can
 * refer to metrics without pulling in the recorder.
 */
import { CONSUMERS } from './api';
import type { OrderState, Topic } from './types';

/** Every topic, in a stable order. */
export const TOPICS = Object.keys(CONSUMERS) as Topic[];

/** Every order state, in process order. */
export const ORDER_STATES: OrderState[] = ['PendingPayment', 'PaymentAuthorized', 'Confirmed', 'Shipped', 'RefundPending', 'Cancelled', 'Refunded', 'RequiresManualReview'];

/** Scalar metrics: one time series each. */
export type MetricId =
  | 'queue.depth'
  | 'queue.oldestAgeMs'
  | 'consumer.handledPerSec'
  | 'consumer.failuresPerSec'
  | 'consumer.retriesPerSec'
  | 'consumer.processingMs'
  | 'consumer.processingMaxMs'
  | 'dlq.size'
  | 'outbox.backlog'
  | 'services.down'
  | 'orders.open'
  | 'orders.oldestPendingMs'
  | 'orders.stuck'
  | 'orders.stuckPendingPayment'
  | 'orders.confirmMs'
  | 'payments.capturedNotConfirmed'
  | 'refunds.pending'
  | 'readModel.behind'
  | 'readModel.oldestLagMs'
  | `orders.state.${OrderState}`
  | `queue.depth.${Topic}`
  | `queue.lagMs.${Topic}`;

/** How a metric is measured. */
export type MetricUnit = 'count' | 'ms' | 'perSec';

/** What a metric means, for charts, alert rules and learners. */
export interface MetricInfo {
  label: string;
  unit: MetricUnit;
  help: string;
}

const BASE: Record<string, MetricInfo> = {
  'queue.depth': { label: 'Messages waiting', unit: 'count', help: 'Stored by the broker, not yet acknowledged by their consumer (all topics).' },
  'queue.oldestAgeMs': { label: 'Oldest waiting message', unit: 'ms', help: 'Age of the oldest stored message no consumer has acknowledged yet.' },
  'consumer.handledPerSec': { label: 'Handled', unit: 'perSec', help: 'Messages acknowledged by consumers per second.' },
  'consumer.failuresPerSec': { label: 'Handler failures', unit: 'perSec', help: 'Deliveries whose handler failed, per second.' },
  'consumer.retriesPerSec': { label: 'Retries', unit: 'perSec', help: 'Redeliveries and provider calls scheduled again after a failure, per second.' },
  'consumer.processingMs': { label: 'Processing (mean)', unit: 'ms', help: 'Mean time from delivery to acknowledgement of the messages acked in the interval.' },
  'consumer.processingMaxMs': { label: 'Processing (max)', unit: 'ms', help: 'Longest delivery-to-ack time in the interval.' },
  'dlq.size': { label: 'Dead-letter queue', unit: 'count', help: 'Messages parked in the dead-letter queue.' },
  'outbox.backlog': { label: 'Outbox backlog', unit: 'count', help: 'Outbox rows the relay has not yet seen the broker accept.' },
  'services.down': { label: 'Services down', unit: 'count', help: 'Service processes that crashed and have not restarted yet.' },
  'orders.open': { label: 'Open orders', unit: 'count', help: 'Orders not yet in a final state.' },
  'orders.oldestPendingMs': { label: 'Oldest open order', unit: 'ms', help: 'How long the longest-waiting open order has been open.' },
  'orders.stuck': { label: 'Stuck orders', unit: 'count', help: "Open orders older than the scenario's stuck limit." },
  'orders.stuckPendingPayment': { label: 'Stuck in PendingPayment', unit: 'count', help: "Orders still waiting for payment after the scenario's stuck limit." },
  'orders.confirmMs': { label: 'Time to confirm', unit: 'ms', help: 'Mean time from placing to Confirmed, of the orders confirmed in the last second.' },
  'payments.capturedNotConfirmed': { label: 'Paid, order still waiting', unit: 'count', help: 'Payment has captured the money, but the Order service still shows PendingPayment.' },
  'refunds.pending': { label: 'Refunds pending', unit: 'count', help: 'Orders waiting for their money to be returned.' },
  'readModel.behind': { label: 'Dashboard rows behind', unit: 'count', help: 'Orders whose dashboard row differs from the Order service (or is missing).' },
  'readModel.oldestLagMs': { label: 'Dashboard lag', unit: 'ms', help: 'How long the oldest dashboard difference has lasted.' },
};

/** Every metric id, in column order. */
export const METRIC_IDS: MetricId[] = [
  ...(Object.keys(BASE) as MetricId[]),
  ...ORDER_STATES.map((s) => `orders.state.${s}` as MetricId),
  ...TOPICS.map((t) => `queue.depth.${t}` as MetricId),
  ...TOPICS.map((t) => `queue.lagMs.${t}` as MetricId),
];

/** Labels, units and help of every metric. */
export const METRICS: Record<MetricId, MetricInfo> = (() => {
  const out = { ...BASE } as Record<string, MetricInfo>;
  for (const s of ORDER_STATES) out[`orders.state.${s}`] = { label: s, unit: 'count', help: `Orders in ${s}.` };
  for (const t of TOPICS) {
    out[`queue.depth.${t}`] = { label: t, unit: 'count', help: `Messages waiting on ${t}.` };
    out[`queue.lagMs.${t}`] = { label: t, unit: 'ms', help: `Age of the oldest waiting message on ${t}.` };
  }
  return out as Record<MetricId, MetricInfo>;
})();

const INDEX = new Map<string, number>(METRIC_IDS.map((id, i) => [id, i]));

/** The column a metric is stored in. */
export function columnIndex(id: MetricId): number {
  return INDEX.get(id)!;
}

/** True if `id` names a metric. */
export function isMetricId(id: string): id is MetricId {
  return INDEX.has(id);
}

/** Recorded samples, column-wise (the shape charting libraries take). */
export interface MetricSeries {
  intervalMs: number;
  /** Sample times, virtual ms. */
  t: number[];
  /** One column per metric, in `METRIC_IDS` order; null where a metric has no value. */
  columns: (number | null)[][];
}

/** The column of one metric. */
export function column(series: MetricSeries, id: MetricId): (number | null)[] {
  return series.columns[INDEX.get(id)!];
}
