/**
 * Shrinking across seeds and fault mixes: whatever failing run it starts from, the result breaks
 * one of the rules that run broke, has no more orders and no more fault decisions that said yes,
 * keeps the remedies, and replays from its file — as text — to the same rule.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChoiceSource, judge, shrink } from '../../src/search';
import { checkInvariants } from '../../src/sim/checker';
import { Simulation } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';

describe('shrink', () => {
  it('keeps a rule the run broke, never grows, and its file replays to that rule', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.record({ drop: fc.constantFrom(0, 0.1), duplicate: fc.constantFrom(0, 0.2), crashAfterCommit: fc.constantFrom(0, 0.05), paymentTimeout: fc.constantFrom(0, 0.2) }),
        fc.integer({ min: 1, max: 4 }),
        (seed, faults, orders) => {
          const s = parseScenario({ seed, faults, workload: { orders } });
          const rec = new ChoiceSource({ kind: 'record' });
          const j = judge(s, {}, rec);
          if (!j.violations.length) return;
          const m = shrink({ scenario: s, violation: j.violations[0], violations: j.violations }, { budget: 120 });
          expect(j.violations.map((v) => v.invariant)).toContain(m.violation.invariant);
          expect(m.scenario.workload.orders).toBeLessThanOrEqual(orders);
          expect(m.scenario.remedies).toEqual(s.remedies);
          const yesBefore = rec.decisions().filter((d) => d.fault !== null && d.value).length;
          if (m.scenario.workload.orders === orders) expect(m.faultDecisions.length).toBeLessThanOrEqual(yesBefore);
          const sim = new Simulation(parseScenario(JSON.parse(JSON.stringify(m.file))));
          sim.runToEnd();
          expect(checkInvariants(sim).map((v) => v.invariant)).toContain(m.violation.invariant);
        },
      ),
      { numRuns: 12 },
    );
  });
});
