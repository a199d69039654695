/**
 * Side B follows the playhead in slices: asked again and again, it reaches exactly the run Node
 * gets by running straight to that time — forwards, and after the playhead went back.
 */
import { describe, expect, test } from 'vitest';
import { Simulation } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';
import type { Scenario } from '../../src/sim/types';
import { CompareRuns } from '../../src/ui/compare/sideBRun';

function straight(s: Scenario, t: number): string {
  const sim = new Simulation(s);
  sim.runUntil(t);
  return sim.traceHash();
}

function follow(runs: CompareRuns, s: Scenario, t: number): { hash: string; calls: number } {
  for (let calls = 1; calls < 10_000; calls++) {
    const at = runs.at(s, t);
    if (at.caughtUp) return { hash: at.sim.traceHash(), calls };
    // Until it is there, it never claims to be past the playhead.
    expect(at.sim.now).toBeLessThan(t);
  }
  throw new Error('side B never caught up');
}

describe('side B follows the playhead', () => {
  const s = parseScenario({ seed: 5, workload: { orders: 120, intervalMs: 20 }, faults: { duplicate: 0.2, crashBeforeAck: 0.1 }, remedies: { outbox: true } });

  test('forward, back, and to an instant with several events: the same run as a straight run', () => {
    const runs = new CompareRuns();
    for (const t of [0, 400, 1800, 650, 650, 3000, 20]) expect(follow(runs, s, t).hash).toBe(straight(s, t));
  });

  test('a changed side B starts over', () => {
    const runs = new CompareRuns();
    follow(runs, s, 900);
    const other = { ...s, remedies: { ...s.remedies, idempotentConsumer: true } };
    expect(follow(runs, other, 900).hash).toBe(straight(other, 900));
  });
});
