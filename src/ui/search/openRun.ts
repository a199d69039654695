/**
 * Opens a run the search found in the playground, the way a lesson or an imported file does
 * (`playground.loadScenario`), runs it to the end and selects what broke: the report's anomaly
 * that matches the checker's broken rule (its order and the message behind it), or else the
 * rule's first order.
 */
import { ANOMALIES_FOR, type Violation } from '../../sim/checker';
import type { Anomaly, Scenario } from '../../sim/types';
import { playground } from '../playgroundApi';
import { selectOrder, useUi } from '../store';

/** The report's anomaly that tells the same story as the checker's violation, if there is one. */
export function matchingAnomaly(list: readonly Anomaly[], v: Violation): Anomaly | null {
  const kinds = ANOMALIES_FOR[v.invariant] ?? [];
  const sameKind = list.filter((a) => kinds.includes(a.kind));
  return sameKind.find((a) => a.orderIds.some((o) => v.orderIds.includes(o))) ?? sameKind[0] ?? null;
}

/** What was selected after opening, for the panel to say. */
export interface Opened {
  orderId: string | null;
  messageId: string | null;
  anomaly: Anomaly | null;
}

/**
 * Loads `scenario`, runs it to the end and selects the violation's order and message. Controls a
 * lesson or design locked stay locked: the run found is still a run of that design.
 */
export async function openInPlayground(scenario: Scenario, v: Violation): Promise<Opened> {
  playground.loadScenario(scenario, { locked: useUi.getState().locked });
  await playground.runToEnd();
  const anomaly = matchingAnomaly(playground.getReport()?.anomalyList ?? [], v);
  const orderId = anomaly?.orderIds.find((o) => v.orderIds.includes(o)) ?? v.orderIds[0] ?? anomaly?.orderIds[0] ?? null;
  const messageId = anomaly?.messageIds[0] ?? null;
  if (orderId) selectOrder(orderId, messageId);
  return { orderId, messageId, anomaly };
}
