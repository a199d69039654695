/**
 * The A/B comparison's pure parts: B's scenario, the outcome differences (each one read from the
 * two reports, never guessed) and the first point where two traces part.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Simulation } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';
import type { Scenario } from '../../src/sim/types';
import { differences, firstDivergence, orderRequests, outcomeOf, requestsOfTrace } from '../../src/ui/compare/diff';
import { controlsOf, differingControls, sideBScenario } from '../../src/ui/compare/sideB';
import { stateLabel } from '../../src/ui/outcomes';

function finished(s: Scenario) {
  const sim = new Simulation(s);
  sim.runToEnd();
  const report = sim.report();
  return { sim, report, outcome: outcomeOf(report, sim.view()), requestOf: requestsOfTrace(sim.trace, orderRequests(report)) };
}

describe('side B', () => {
  test('keeps seed, workload and what-ifs, takes its own controls, and drops A’s control changes', () => {
    const a = parseScenario({
      seed: 9,
      workload: { orders: 3 },
      changes: [
        { atMs: 100, atEvent: 12, path: 'faults.drop', value: 0.5 },
        { atMs: 120, atEvent: 15, whatIf: { msg: 'm4', to: 'payment', action: 'duplicate' } },
      ],
    });
    const b = sideBScenario(a, { ...controlsOf(a), remedies: { ...a.remedies, outbox: true } });
    expect(b.seed).toBe(9);
    expect(b.workload).toEqual(a.workload);
    expect(b.remedies.outbox).toBe(true);
    expect(b.changes).toEqual([a.changes[1]]);
    expect(differingControls(controlsOf(a), controlsOf(b))).toEqual(['remedies.outbox']);
  });
});

describe('differences and where runs part', () => {
  const a = parseScenario({ seed: 1, workload: { orders: 6 }, faults: { duplicate: 0.3 } });
  const b = sideBScenario(a, { faults: a.faults, remedies: { ...a.remedies, idempotentConsumer: true } });

  test('the same scenario on both sides: no differences and no parting', () => {
    const x = finished(a);
    const y = finished(a);
    expect(differences(x.outcome, y.outcome, stateLabel)).toEqual([]);
    expect(firstDivergence(x.sim.trace, y.sim.trace)).toBeNull();
  });

  test('every difference is what the two reports say', () => {
    const x = finished(a);
    const y = finished(b);
    const diffs = differences(x.outcome, y.outcome, stateLabel);
    const charged = diffs.find((d) => d.key === 'money:charged');
    expect(charged).toMatchObject({ a: `$${x.report.ledger.charged}`, b: `$${y.report.ledger.charged}` });
    expect(x.report.ledger.charged).toBeGreaterThan(y.report.ledger.charged);
    const rows = diffs.filter((d) => d.kind === 'request').map((d) => d.requests[0]);
    // Straight from the reports and the provider's ledger: what each request ended as, per run.
    const truth = (run: ReturnType<typeof finished>, req: string) => {
      const orders = run.report.orders.filter((o) => o.requestId === req);
      const ids = new Set(orders.map((o) => o.id));
      const charges = run.sim.view().charges.filter((c) => c.orderId !== null && ids.has(c.orderId));
      const emails = run.sim.view().emails.filter((e) => ids.has(e.orderId)).map((e) => e.template);
      return JSON.stringify([orders.map((o) => [o.state, [...o.anomalies].sort()]), charges.map((c) => [c.amount, c.refundedAt === null]), emails]);
    };
    const requests = new Set([...x.report.orders, ...y.report.orders].map((o) => o.requestId));
    expect(requests.size).toBeGreaterThan(0);
    for (const req of requests) expect(rows.includes(req)).toBe(truth(x, req) !== truth(y, req));
    expect(rows.length).toBeGreaterThan(0);
    for (const req of rows) {
      const dv = firstDivergence(x.sim.trace, y.sim.trace, new Set([req]), x.requestOf, y.requestOf);
      expect(dv).not.toBeNull();
      expect(dv!.aMsg ?? dv!.bMsg).toMatch(/^m\d+$/);
    }
  });

  test('across seeds: the traces agree up to the parting event and differ there', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom('idempotentConsumer', 'outbox', 'retries'), (seed, remedy) => {
        const sa = parseScenario({ seed, workload: { orders: 3 }, faults: { duplicate: 0.3, drop: 0.2, crashBeforeAck: 0.2 } });
        const sb = sideBScenario(sa, { faults: sa.faults, remedies: { ...sa.remedies, [remedy]: true } });
        const x = finished(sa);
        const y = finished(sb);
        const dv = firstDivergence(x.sim.trace, y.sim.trace);
        if (dv === null) {
          expect(x.sim.traceHash()).toBe(y.sim.traceHash());
          expect(differences(x.outcome, y.outcome, stateLabel)).toEqual([]);
          return;
        }
        for (let i = 0; i < dv.index; i++) expect(JSON.stringify(x.sim.trace[i])).toBe(JSON.stringify(y.sim.trace[i]));
        expect(JSON.stringify(dv.a)).not.toBe(JSON.stringify(dv.b));
      }),
      { numRuns: 25 },
    );
  });
});
