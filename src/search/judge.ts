/**
 * One run, judged by the invariant checker: a failing run is one that breaks a business rule.
 * A design may declare what it shows as "visible, not healed" (an order parked for manual
 * review): a broken rule the report shows under one of those anomaly kinds is counted apart,
 * not as a failure, so a search does not call an honest limitation a bug.
 */
import { checkInvariants, compareWithReport, type InvariantId, type Violation } from '../sim/checker';
import type { ChoiceSource } from '../sim/choices';
import { Simulation } from '../sim/engine';
import type { AnomalyKind, Scenario } from '../sim/types';

/** What counts as a failure. Plain data, so it crosses to workers. */
export interface FailureRule {
  /** Anomaly kinds the design shows as visible, not healed; a broken rule reported under one of them is excused. */
  visible?: readonly AnomalyKind[];
}

/** A judged run. */
export interface Judged {
  /** Broken rules that count as failures, in the checker's order. */
  violations: Violation[];
  /** Broken rules excused as visible, not healed. */
  excused: Violation[];
  events: number;
  /** The run stopped at the event budget rather than ending. */
  stoppedEarly: boolean;
}

/** Runs a scenario to its end (through `choices` when given) and judges it. */
export function judge(scenario: Scenario, rule: FailureRule = {}, choices?: ChoiceSource): Judged {
  const sim = new Simulation(scenario, choices ? { choices } : {});
  sim.runToEnd();
  const all = checkInvariants(sim);
  const out: Judged = { violations: all, excused: [], events: sim.eventsProcessed, stoppedEarly: sim.stoppedEarly !== null };
  if (all.length && rule.visible?.length) {
    const shown = sim.report().anomalyList.filter((a) => rule.visible?.includes(a.kind));
    out.violations = [];
    for (const v of all) {
      const { missed } = compareWithReport([v], { anomalyList: shown });
      (missed.length ? out.violations : out.excused).push(v);
    }
  }
  return out;
}

/** Whether a judged run breaks `invariant` (the rule a shrink keeps). */
export function breaks(j: Judged, invariant: InvariantId): Violation | undefined {
  return j.violations.find((v) => v.invariant === invariant);
}
