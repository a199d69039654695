/**
 * Which charts the metrics view shows, grouped the way a team's dashboard usually is: business
 * signals first (are orders getting through?), then messaging, then infrastructure.
 */
import { type MetricId, type MetricUnit, ORDER_STATES, TOPICS } from '../../sim/metricCatalog';

/** One line of a chart. */
export interface ChartSeries {
  metric: MetricId;
  label: string;
  color: string;
}

/** One small chart. */
export interface ChartDef {
  id: string;
  title: string;
  group: 'Orders' | 'Messaging' | 'Infrastructure';
  unit: MetricUnit;
  series: ChartSeries[];
  /** Show only the N largest non-zero series in the legend (for per-topic charts). */
  legendTop?: number;
  /** A line under the title when the chart needs context to be read right. */
  note?: string;
}

/** Mid-tone colours that read on both the light and the dark theme. */
export const PALETTE = ['#6366f1', '#ef4444', '#10b981', '#f59e0b', '#06b6d4', '#a855f7', '#ec4899', '#84cc16', '#64748b', '#f97316'];

const STATE_COLORS: Record<string, string> = {
  PendingPayment: '#f59e0b',
  PaymentAuthorized: '#06b6d4',
  Confirmed: '#6366f1',
  RefundPending: '#ec4899',
  RequiresManualReview: '#ef4444',
};

/** Every chart, in display order. */
export const CHARTS: ChartDef[] = [
  {
    id: 'open',
    title: 'Open and stuck orders',
    group: 'Orders',
    unit: 'count',
    series: [
      { metric: 'orders.open', label: 'open', color: '#6366f1' },
      { metric: 'orders.stuck', label: 'stuck', color: '#ef4444' },
      { metric: 'orders.stuckPendingPayment', label: 'stuck in PendingPayment', color: '#f59e0b' },
    ],
  },
  {
    id: 'oldest',
    title: 'Oldest open order',
    group: 'Orders',
    unit: 'ms',
    series: [{ metric: 'orders.oldestPendingMs', label: 'age', color: '#f59e0b' }],
  },
  {
    id: 'states',
    title: 'Orders waiting in each state',
    group: 'Orders',
    unit: 'count',
    series: ORDER_STATES.filter((s) => STATE_COLORS[s]).map((s) => ({ metric: `orders.state.${s}` as MetricId, label: s, color: STATE_COLORS[s] })),
  },
  {
    id: 'money',
    title: 'Paid but waiting, refunds pending',
    group: 'Orders',
    unit: 'count',
    series: [
      { metric: 'payments.capturedNotConfirmed', label: 'paid, order waiting', color: '#ef4444' },
      { metric: 'refunds.pending', label: 'refunds pending', color: '#ec4899' },
    ],
  },
  {
    id: 'confirm',
    title: 'Time to confirm an order',
    group: 'Orders',
    unit: 'ms',
    series: [{ metric: 'orders.confirmMs', label: 'mean', color: '#10b981' }],
  },
  {
    id: 'dashboard',
    title: 'Dashboard lag behind the Order service',
    group: 'Orders',
    unit: 'ms',
    series: [{ metric: 'readModel.oldestLagMs', label: 'oldest difference', color: '#a855f7' }],
  },
  {
    id: 'depth',
    title: 'Messages waiting, by topic',
    group: 'Messaging',
    unit: 'count',
    series: TOPICS.map((t, i) => ({ metric: `queue.depth.${t}` as MetricId, label: t, color: PALETTE[i % PALETTE.length] })),
    legendTop: 3,
  },
  {
    id: 'lag',
    title: 'Consumer lag: oldest waiting message, by topic',
    group: 'Messaging',
    unit: 'ms',
    series: TOPICS.map((t, i) => ({ metric: `queue.lagMs.${t}` as MetricId, label: t, color: PALETTE[i % PALETTE.length] })),
    legendTop: 3,
  },
  {
    id: 'rates',
    title: 'Handled, failed and retried',
    group: 'Messaging',
    unit: 'perSec',
    series: [
      { metric: 'consumer.handledPerSec', label: 'handled', color: '#10b981' },
      { metric: 'consumer.failuresPerSec', label: 'failed', color: '#ef4444' },
      { metric: 'consumer.retriesPerSec', label: 'retried', color: '#f59e0b' },
    ],
  },
  {
    id: 'processing',
    title: 'Processing time, delivery to ack',
    group: 'Messaging',
    unit: 'ms',
    // Learners read a flat zero as a broken chart; it is the model: handlers take no virtual time.
    note: 'Handlers run in no virtual time here, so this stays at 0 unless a service waits mid-handler (Inventory does, in a race for the last item).',
    series: [
      { metric: 'consumer.processingMs', label: 'mean', color: '#06b6d4' },
      { metric: 'consumer.processingMaxMs', label: 'max', color: '#64748b' },
    ],
  },
  {
    id: 'infra',
    title: 'Dead-letter queue, outbox, services down',
    group: 'Infrastructure',
    unit: 'count',
    series: [
      { metric: 'dlq.size', label: 'dead-letter queue', color: '#ef4444' },
      { metric: 'outbox.backlog', label: 'outbox backlog', color: '#6366f1' },
      { metric: 'services.down', label: 'services down', color: '#64748b' },
    ],
  },
];

/** A value for an axis or a legend, in the chart's unit. */
export function fmtValue(v: number | null, unit: MetricUnit): string {
  if (v === null || !Number.isFinite(v)) return '—';
  if (unit === 'ms') return v >= 1000 ? `${(v / 1000).toFixed(v >= 10_000 ? 0 : 1)} s` : `${Math.round(v)} ms`;
  if (unit === 'perSec') return `${Math.round(v)}/s`;
  return String(Math.round(v * 10) / 10);
}
