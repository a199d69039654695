/**
 * Exhaustive exploration counts what it claims: one fault-free run plus one schedule per fault
 * decision for K = 1; slices for workers add up to the whole and find the same counterexample;
 * a counterexample carries exactly its injected faults and shrinks to a file that replays.
 */
import { describe, expect, it } from 'vitest';
import { ChoiceSource, explore, exploredScenario, mergeExplorations, shrink } from '../../src/search';
import { checkInvariants } from '../../src/sim/checker';
import { Simulation } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';
import { ALL_REMEDIES } from '../../src/sim/truthTable';

const healed = parseScenario({ workload: { orders: 1 }, faults: { drop: 0.1, crashBeforeAck: 0.1 }, remedies: ALL_REMEDIES });
const naive = parseScenario({ workload: { orders: 1 }, faults: { crashBeforeAck: 0.1, duplicate: 0.1 } });

describe('exhaustive exploration', () => {
  it('with K = 1 runs the fault-free schedule and one per fault decision, and finds nothing when every remedy is on', () => {
    const r = explore(healed, { maxFaults: 1, rule: { visible: ['manualReview'] } });
    expect(r.found).toBeNull();
    expect(r.complete).toBe(true);
    expect(r.baseDecisions).toBeGreaterThan(5);
    expect(r.schedules).toBe(1 + r.baseDecisions);
    expect(r.faults).toEqual(['drop', 'crashBeforeAck']);
  });

  it('slices for three workers add up to the whole exploration', () => {
    const opts = { maxFaults: 2, faults: ['crashBeforeAck' as const], rule: { visible: ['manualReview' as const] } };
    const whole = explore(healed, opts);
    expect(whole.complete).toBe(true);
    // Two faults: more than the fault-free run and the single faults.
    expect(whole.schedules).toBeGreaterThan(1 + whole.baseDecisions);
    const parts = [0, 1, 2].map((index) => explore(healed, { ...opts, slice: { index, of: 3 } }));
    const merged = mergeExplorations(parts);
    expect(merged.schedules).toBe(whole.schedules);
    expect(merged.complete).toBe(true);
  });

  it('a counterexample has exactly its injected faults, the fewest first, and shrinks to a replaying file', () => {
    const r = explore(naive, { maxFaults: 2 });
    expect(r.found).not.toBeNull();
    const f = r.found!;
    expect(f.inject.length).toBe(1);
    const src = new ChoiceSource({ kind: 'replay', choices: f.scenario.choices ?? {} });
    const sim = new Simulation(f.scenario, { choices: src });
    sim.runToEnd();
    expect(src.decisions().filter((d) => d.fault !== null && d.value).length).toBe(1);
    expect(checkInvariants(sim).map((v) => v.invariant)).toContain(f.violation.invariant);
    const m = shrink(f);
    const again = new Simulation(parseScenario(JSON.parse(JSON.stringify(m.file))));
    again.runToEnd();
    expect(checkInvariants(again).map((v) => v.invariant)).toContain(m.violation.invariant);
    expect(m.faultDecisions.length).toBe(1);
  });

  it('the slices split the same counterexample search: merged, the fewest-fault counterexample wins', () => {
    const parts = [0, 1].map((index) => explore(naive, { maxFaults: 1, slice: { index, of: 2 } }));
    const merged = mergeExplorations(parts);
    const whole = explore(naive, { maxFaults: 1 });
    // Each slice finds its lowest decision; the merge takes the lowest of those: the whole's.
    expect(whole.found).not.toBeNull();
    expect(merged.found?.inject).toEqual(whole.found?.inject);
  });

  it('runs the explored faults at distinct rates strictly between 0 and 1, the others off, and drops recorded changes of their rates', () => {
    const s = parseScenario({
      faults: { drop: 1, duplicate: 0.2, latencyMs: 30 },
      changes: [
        { atMs: 10, path: 'faults.drop', value: 0.3 },
        { atMs: 20, path: 'faults.latencyMs', value: 50 },
        { atMs: 30, path: 'remedies.outbox', value: true },
      ],
    });
    const e = exploredScenario(s, ['drop', 'poison']);
    expect(e.faults.drop).toBeGreaterThan(0);
    expect(e.faults.drop).toBeLessThan(1);
    expect(e.faults.poison).not.toBe(e.faults.drop);
    expect(e.faults.duplicate).toBe(0);
    expect(e.faults.latencyMs).toBe(30);
    expect(e.changes.map((c) => c.path)).toEqual(['faults.latencyMs', 'remedies.outbox']);
  });
});
