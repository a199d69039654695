/**
 * Agreement between the checker and the report: each broken rule should show up as an anomaly
 * naming its order, and each anomaly should have a broken rule behind it. The mapping between
 * the two vocabularies is data, so disagreements can be counted per kind.
 */
import type { Anomaly } from '../types';
import type { InvariantId, Violation } from './types';

/**
 * Which anomaly kinds report each broken rule. Kinds are plain strings so kinds the detectors
 * do not have yet (vanishedRequest, lostCancellation, customerNeverTold, parkedForever,
 * manualReview) can be named before they exist.
 */
export const ANOMALIES_FOR: Record<InvariantId, readonly string[]> = {
  oneOrderPerRequest: ['duplicateOrder'],
  requestAnswered: ['vanishedRequest'],
  // A cancel waiting on an order parked for a human is reported as part of manualReview.
  cancelHonouredOrRefused: ['lostCancellation', 'ignoredCancellation', 'manualReview'],
  chargedAtMostOncePerRequest: ['doubleCharge', 'duplicateOrder'],
  refundedWhenNothingShipped: ['paidNotFulfilled', 'manualReview', 'stuck', 'lostOrder'],
  shippedOnlyWhenPaidAndConfirmed: ['shippedUnpaid', 'lostCancellation', 'ignoredCancellation'],
  promisesWithinStock: ['oversold'],
  stockNeverNegative: ['inventoryDrift', 'oversold'],
  stockAddsUp: ['inventoryDrift'],
  oneEmailPerKind: ['duplicateEmail'],
  emailsTrue: ['contradictoryEmails'],
  customerToldOutcome: ['customerNeverTold'],
  ordersEnd: ['stuck', 'lostOrder'],
  dashboardMatchesOrders: ['readModelDrift'],
  nothingParkedForever: ['parkedForever'],
};

/** A broken rule the report does not mention (a false negative). */
export interface Missed {
  invariant: InvariantId;
  orderIds: string[];
  requestIds: string[];
  sentence: string;
  /** The anomaly kinds that would have reported it. */
  expected: readonly string[];
}

/** An anomaly no broken rule stands behind (a false positive). */
export interface Unbacked {
  kind: string;
  orderIds: string[];
  explanation: string;
}

/** The anomaly fields the comparison reads (kind as a string, so newer kinds compare too). */
export type AnomalyLike = Pick<Anomaly, 'orderIds' | 'explanation'> & { kind: string };

/** Compares the checker's violations with a report's anomalies. */
export function compareWithReport(violations: readonly Violation[], report: { anomalyList: readonly AnomalyLike[] }): { missed: Missed[]; unbacked: Unbacked[] } {
  const anomalies = report.anomalyList;
  const missed: Missed[] = [];
  for (const v of violations) {
    const kinds = ANOMALIES_FOR[v.invariant];
    if (!anomalies.some((a) => kinds.includes(a.kind) && covers(a, v))) {
      missed.push({ invariant: v.invariant, orderIds: v.orderIds, requestIds: v.requestIds ?? [], sentence: v.sentence, expected: kinds });
    }
  }
  const unbacked: Unbacked[] = [];
  for (const a of anomalies) {
    if (!violations.some((v) => ANOMALIES_FOR[v.invariant].includes(a.kind) && covers(a, v))) {
      unbacked.push({ kind: a.kind, orderIds: a.orderIds, explanation: a.explanation });
    }
  }
  return { missed, unbacked };
}

/**
 * An anomaly and a violation are about the same thing when they share an order; when either
 * names no order (a request that never became one), a shared request id in the anomaly's
 * explanation will do, and failing that two orderless findings of matching kinds agree.
 */
function covers(a: AnomalyLike, v: Violation): boolean {
  if (a.orderIds.some((o) => v.orderIds.includes(o))) return true;
  if (v.orderIds.length > 0 && a.orderIds.length > 0) return false;
  const requests = v.requestIds ?? [];
  if (requests.some((r) => new RegExp(`\\b${r.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(a.explanation))) return true;
  return v.orderIds.length === 0 && a.orderIds.length === 0;
}
