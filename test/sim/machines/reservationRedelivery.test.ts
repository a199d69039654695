/**
 * Regression (found by the truth table's every-remedy property, seed 20261121): on a slow bus a
 * ReserveStock is redelivered while its first delivery still sits in the race window, so two
 * reservations for the same message wait at once. Each must carry its own reservation; keyed by
 * message id, the second overwrote the first and the run crashed on the missing one.
 */
import { expect, it } from 'vitest';
import { checkInvariants } from '../../../src/sim/checker';
import { Simulation } from '../../../src/sim/engine';
import { parseScenario } from '../../../src/sim/scenario';
import { ALL_REMEDIES } from '../../../src/sim/truthTable';

it('two deliveries of one ReserveStock can wait in the race window at once', () => {
  const sim = new Simulation(
    parseScenario({
      seed: 1709886264,
      faults: { latencyMs: 249, jitterMs: 54, crashAfterCommit: 0.23720411746762696, raceWindowMs: 54, reorder: 5e-324 },
      inventory: { stock: 0 },
      workload: { orders: 12, intervalMs: 0, cancelRatio: 0, cancelAfterMs: 0 },
      remedies: ALL_REMEDIES,
    }),
  );
  sim.runToEnd();
  // Every reservation machine ended somewhere, and with no stock each one was rejected.
  const states = [...sim.s.inventory.machines.values()].map((m) => m.value);
  expect(states.length).toBeGreaterThan(0);
  expect(new Set(states)).toEqual(new Set(['rejected']));
  expect(checkInvariants(sim)).toEqual([]);
});
