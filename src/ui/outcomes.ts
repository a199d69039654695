/** How the UI sums up orders: outcome buckets for the headline and a verdict per order. */
import { ANOMALIES } from '../sim/catalog';
import type { AnomalyKind, OrderState, Report } from '../sim/types';

/** Outcome buckets of the headline, in display order. */
export type Bucket = 'ok' | 'cancelled' | 'review' | 'pending';

/** Headline labels of the buckets. */
export const BUCKET_LABEL: Record<Bucket, string> = {
  ok: 'confirmed / shipped',
  cancelled: 'cancelled / refunded',
  review: 'manual review',
  pending: 'in progress',
};

/** The bucket an order state falls into. */
export function bucketOf(state: OrderState): Bucket {
  switch (state) {
    case 'Confirmed':
    case 'Shipped':
      return 'ok';
    case 'Cancelled':
    case 'Refunded':
      return 'cancelled';
    case 'RequiresManualReview':
      return 'review';
    default:
      return 'pending';
  }
}

/** Counts per bucket. */
export function bucketCounts(report: Report): Record<Bucket, number> {
  const out: Record<Bucket, number> = { ok: 0, cancelled: 0, review: 0, pending: 0 };
  for (const o of report.orders) out[bucketOf(o.state)]++;
  return out;
}

/** A short verdict for one order, and how worried to look. */
export interface Verdict {
  label: string;
  tone: 'good' | 'bad' | 'warn' | 'info' | 'muted';
}

const STATE_LABEL: Record<OrderState, string> = {
  PendingPayment: 'Pending payment',
  PaymentAuthorized: 'Paid',
  Confirmed: 'Confirmed',
  Shipped: 'Shipped',
  Cancelled: 'Cancelled',
  RefundPending: 'Refund pending',
  Refunded: 'Refunded',
  RequiresManualReview: 'Manual review',
};

/** Readable name of an order state. */
export function stateLabel(s: OrderState): string {
  return STATE_LABEL[s] ?? s;
}

/** The verdict badge of an order. */
export function verdictOf(state: OrderState, anomalies: AnomalyKind[]): Verdict {
  if (anomalies.length > 0) return { label: ANOMALIES[anomalies[0]]?.title ?? anomalies[0], tone: 'bad' };
  const b = bucketOf(state);
  if (b === 'ok') return { label: state === 'Shipped' ? 'Shipped' : 'Confirmed', tone: 'good' };
  if (b === 'cancelled') return { label: STATE_LABEL[state], tone: 'muted' };
  if (b === 'review') return { label: 'Manual review', tone: 'warn' };
  return { label: 'In progress', tone: 'info' };
}
