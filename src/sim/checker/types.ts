/**
 * The checker's vocabulary: the business rules it enforces, what a broken one looks like, and
 * the small helpers every rule file shares (when a promise is due, which states end an order).
 */
import type { OrderState } from '../types';
import type { GroundTruth, TruthOrder } from './groundTruth';

/** Every business rule the checker enforces, named the way the business would say it. */
export const INVARIANTS = [
  'oneOrderPerRequest',
  'requestAnswered',
  'cancelHonouredOrRefused',
  'chargedAtMostOncePerRequest',
  'refundedWhenNothingShipped',
  'shippedOnlyWhenPaidAndConfirmed',
  'promisesWithinStock',
  'stockNeverNegative',
  'stockAddsUp',
  'oneEmailPerKind',
  'emailsTrue',
  'customerToldOutcome',
  'ordersEnd',
  'dashboardMatchesOrders',
  'nothingParkedForever',
] as const;

/** One business rule. */
export type InvariantId = (typeof INVARIANTS)[number];

/** A broken business rule, with the orders (and requests) it concerns. */
export interface Violation {
  invariant: InvariantId;
  orderIds: string[];
  requestIds?: string[];
  /** The broken rule in the business's words. */
  sentence: string;
}

/** States after which the business expects nothing more to happen to an order by itself. */
export const ENDED: ReadonlySet<OrderState> = new Set<OrderState>(['Shipped', 'Cancelled', 'Refunded', 'RequiresManualReview']);

/** States that mean the order was called off. */
export const CALLED_OFF: ReadonlySet<OrderState> = new Set<OrderState>(['Cancelled', 'Refunded', 'RefundPending']);

/**
 * Whether a liveness promise made at `since` is due: always at rest; in a run cut by its
 * duration only once `stuckAfterMs` has passed (younger things may still be on their way).
 */
export function due(t: GroundTruth, since: number): boolean {
  return t.atRest || t.now - since >= t.stuckAfterMs;
}

/** When the order last changed state. */
export function lastChange(o: TruthOrder): number {
  return o.history.length ? o.history[o.history.length - 1].t : o.placedAt;
}

/** Money the provider still holds per order (charged and not refunded). */
export function heldByOrder(t: GroundTruth): Map<string, number> {
  const held = new Map<string, number>();
  for (const c of t.charges) if (c.refundedAt === null) held.set(c.orderId, (held.get(c.orderId) ?? 0) + c.amount);
  return held;
}

/** Groups items by a key, keeping their order. */
export function groupBy<T>(items: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

/** Milliseconds as learners read them. */
export function ms(t: number): string {
  return t >= 1000 ? `${Math.round(t / 100) / 10} s` : `${Math.round(t)} ms`;
}
