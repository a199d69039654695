/**
 * The independent invariant checker: business rules computed only from raw ground truth (what
 * the customer sent and was told, the ledger, the warehouse, the stock, the emails, the Order
 * table, the dashboard, the buffers). It shares no code with the detectors or the reconciler,
 * so when the two agree, that agreement means something.
 *
 * At rest (quiescent: nothing left scheduled) every rule applies. In a run cut by its duration,
 * the safety rules apply as they are, and a liveness rule applies only to what is older than
 * `stuckAfterMs` — an order still in flight that long counts as stuck; younger ones are let be.
 */
import { checkEmails } from './emails';
import { type GroundTruth, groundTruth, type TruthSource } from './groundTruth';
import { checkMoney } from './money';
import { checkRequests } from './requests';
import { checkSettling } from './settling';
import { checkStock } from './stock';
import type { Violation } from './types';

export type { GroundTruth, TruthSource } from './groundTruth';
export { groundTruth } from './groundTruth';
export { INVARIANTS, type InvariantId, type Violation } from './types';

/** Every broken business rule, from a simulation (at its current time) or from its ground truth. */
export function checkInvariants(input: GroundTruth | TruthSource): Violation[] {
  const t = 'trace' in input ? groundTruth(input) : input;
  return [...checkRequests(t), ...checkMoney(t), ...checkStock(t), ...checkEmails(t), ...checkSettling(t)];
}
export { ANOMALIES_FOR, type AnomalyLike, compareWithReport, type Missed, type Unbacked } from './agreement';
