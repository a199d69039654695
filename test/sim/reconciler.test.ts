/**
 * Reconciliation as a real job: it learns through queries that take time and can be lost, it
 * re-drives an order at most three times, and its repairs stay right on a stale snapshot.
 */
import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../../src/sim/checker';
import { Simulation } from '../../src/sim/engine';
import { MAX_REDRIVES, RECONCILE_EVERY_MS } from '../../src/sim/reconciler';
import { parseScenario } from '../../src/sim/scenario';
import { ALL_REMEDIES } from '../../src/sim/truthTable';
import type { ScenarioInput } from '../../src/sim/types';

function run(input: ScenarioInput): Simulation {
  const sim = new Simulation(parseScenario(input));
  sim.runToEnd();
  return sim;
}

function repairsPerOrder(sim: Simulation): Map<string, number> {
  const per = new Map<string, number>();
  for (const e of sim.trace) if (e.kind === 'reconcile' && e.orderId) per.set(e.orderId, (per.get(e.orderId) ?? 0) + 1);
  return per;
}

describe('reconciliation', () => {
  it(`re-drives a stuck order exactly ${MAX_REDRIVES} times, then leaves it for the report`, () => {
    // Seed 2: both orders' commands are poison and get skipped after the last retry.
    const sim = run({ seed: 2, workload: { orders: 2 }, faults: { poison: 0.3 }, remedies: { retries: true, reconciliation: true } });
    expect([...repairsPerOrder(sim).values()]).toEqual([MAX_REDRIVES, MAX_REDRIVES]);
    for (const o of sim.s.order.orders.values()) expect(o.redrives).toBe(MAX_REDRIVES);
    expect(sim.report().anomalyList.map((a) => a.kind).sort()).toEqual(['lostOrder', 'stuck']);
  });

  it('learns through queries that cross the network: repairs come a round trip after a round starts', () => {
    const sim = run({ seed: 2, workload: { orders: 2 }, faults: { poison: 0.3, latencyMs: 120, jitterMs: 0 }, remedies: { retries: true, reconciliation: true } });
    const times = sim.trace.filter((e) => e.kind === 'reconcile').map((e) => e.t % RECONCILE_EVERY_MS);
    expect(times.length).toBeGreaterThan(0);
    for (const t of times) expect(t).toBeGreaterThanOrEqual(240);
  });

  it('cannot repair while every query is lost: at drop 1 it makes no repair at all', () => {
    const sim = new Simulation(parseScenario({ seed: 2, workload: { orders: 2 }, faults: { poison: 0.3 }, remedies: { retries: true, reconciliation: true }, durationMs: 20_000 }));
    sim.runUntil(500);
    sim.setControl('faults.drop', 1);
    sim.runToEnd();
    expect(sim.trace.filter((e) => e.kind === 'reconcile')).toEqual([]);
  });

  it('never hands back a unit whose reservation answer is still in flight (issue #9, seed 35)', () => {
    const sim = run({ seed: 35, workload: { orders: 2, intervalMs: 1000 }, inventory: { stock: 1 }, faults: { latencyMs: 400, reorder: 0.5 }, remedies: ALL_REMEDIES });
    expect(checkInvariants(sim)).toEqual([]);
    expect(sim.report().anomalyList).toEqual([]);
    expect(sim.trace.filter((e) => e.kind === 'stock' && e.why === 'reconciliation')).toEqual([]);
  });

  it('recounts a drifted stock count from Inventory\u2019s own reservations', () => {
    // Duplicate deliveries without dedup count a reservation down twice; the recount fixes it.
    let recounted = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const sim = run({ seed, workload: { orders: 10 }, faults: { duplicate: 0.5 }, remedies: { reconciliation: true } });
      recounted += sim.trace.filter((e) => e.kind === 'stock' && e.why === 'reconciliation').length;
      expect(sim.report().anomalies.inventoryDrift.count, `seed ${seed}`).toBe(0);
    }
    expect(recounted).toBeGreaterThan(0);
  });
});
