/**
 * The runs issue #9 found the report lying about, each pinned: the report must now name the
 * harm (or, for a false alarm, stay quiet) and agree with the independent checker.
 */
import { describe, expect, it } from 'vitest';
import { checkInvariants, compareWithReport } from '../../src/sim/checker';
import { Simulation } from '../../src/sim/engine';
import { formatReport } from '../../src/cli/format';
import { parseScenario } from '../../src/sim/scenario';
import type { AnomalyKind, Report, ScenarioInput } from '../../src/sim/types';

function run(input: ScenarioInput): { report: Report; agree: ReturnType<typeof compareWithReport> } {
  const sim = new Simulation(parseScenario(input));
  sim.runToEnd();
  const report = sim.report();
  return { report, agree: compareWithReport(checkInvariants(sim), report) };
}

function kinds(r: Report): { kind: AnomalyKind; orders: string[] }[] {
  return r.anomalyList.map((a) => ({ kind: a.kind, orders: a.orderIds }));
}

const CASES: { why: string; scenario: ScenarioInput; expect: { kind: AnomalyKind; orders: string[] }[] }[] = [
  {
    why: 'every attempt of a request dropped: nobody answered and no order exists',
    scenario: { seed: 2940585426, workload: { orders: 1 }, faults: { drop: 0.5 } },
    expect: [{ kind: 'vanishedRequest', orders: [] }],
  },
  {
    why: 'a lost cancellation: the customer cancelled, was charged and got the goods',
    scenario: { seed: 7, workload: { orders: 1, cancelRatio: 1, cancelAfterMs: 30 }, faults: { drop: 0.3 } },
    expect: [{ kind: 'lostCancellation', orders: ['o1'] }],
  },
  {
    why: 'a free order on the happy path is not "shipped unpaid"',
    scenario: { seed: 1, workload: { orders: 1, price: 0 } },
    expect: [],
  },
  {
    why: 'an order shipped without the customer ever being told',
    scenario: { seed: 8, workload: { orders: 1 }, faults: { drop: 0.2 } },
    expect: [
      { kind: 'duplicateOrder', orders: ['o2'] },
      { kind: 'stuck', orders: ['o2'] },
      { kind: 'customerNeverTold', orders: ['o1'] },
    ],
  },
  {
    why: 'messages parked forever behind a gap that never fills',
    scenario: { seed: 19, workload: { orders: 1 }, faults: { drop: 0.2 }, remedies: { ordering: 'versioned' } },
    expect: [
      { kind: 'stuck', orders: ['o1'] },
      { kind: 'parkedForever', orders: ['o1'] },
      { kind: 'parkedForever', orders: ['o1'] },
    ],
  },
  {
    why: 'a dead-lettered order holding money is "visible, not healed", never "none"',
    scenario: { seed: 2, workload: { orders: 3 }, faults: { poison: 0.2 }, remedies: { deadLetterQueue: true, retries: true } },
    expect: [{ kind: 'manualReview', orders: ['o2'] }],
  },
];

describe('the repros of issue #9 report the truth', () => {
  for (const c of CASES) {
    it(c.why, () => {
      const { report, agree } = run(c.scenario);
      expect(kinds(report)).toEqual(c.expect);
      expect(agree).toEqual({ missed: [], unbacked: [] });
    });
  }

  it('the runner prints a manual-review order as visible, not healed', () => {
    const { report } = run(CASES[5].scenario);
    const text = formatReport(report);
    expect(text).toContain('Manual review (visible, not healed)');
    expect(text).not.toContain('Anomalies: none');
  });
});
