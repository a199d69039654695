/**
 * Engine benchmark: `npm run bench [-- --json]`. Runs an every-fault, every-remedy scenario at
 * 1,000 and 10,000 orders and prints medians of: bus deliveries per second, the cost of one
 * delivery, the cost of one bare XState actor transition measured in the same process, and
 * simulated time per wall-clock time. Numbers, not assertions.
 */
import { performance } from 'node:perf_hooks';
import { createActor, createMachine } from 'xstate';
import { Simulation } from '../src/sim/engine';
import { parseScenario } from '../src/sim/scenario';
import { ALL_REMEDIES } from '../src/sim/truthTable';
import type { Scenario } from '../src/sim/types';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');

function scenario(orders: number): Scenario {
  return parseScenario({
    name: `bench ${orders}`,
    seed: 42,
    workload: { orders, intervalMs: 20, cancelRatio: 0.1 },
    inventory: { stock: Math.round(orders * 0.8) },
    faults: { drop: 0.05, duplicate: 0.1, reorder: 0.1, crashAfterCommit: 0.01, crashBeforeAck: 0.01, paymentTimeout: 0.1, clientRetry: 0.1, poison: 0.01, clockSkewMs: 300, raceWindowMs: 5 },
    remedies: ALL_REMEDIES,
    durationMs: 86_400_000,
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Cost of one transition of a bare two-state actor, in µs. */
function transitionCostUs(n: number): number {
  const machine = createMachine({ id: 'toggle', initial: 'a', states: { a: { on: { T: 'b' } }, b: { on: { T: 'a' } } } });
  const actor = createActor(machine).start();
  for (let i = 0; i < 2000; i++) actor.send({ type: 'T' });
  const t0 = performance.now();
  for (let i = 0; i < n; i++) actor.send({ type: 'T' });
  return ((performance.now() - t0) * 1000) / n;
}

interface Run {
  wallMs: number;
  deliveries: number;
  simMs: number;
  anomalies: number;
}

function runOnce(orders: number): Run {
  const sim = new Simulation(scenario(orders));
  const t0 = performance.now();
  sim.runToEnd();
  const wallMs = performance.now() - t0;
  const r = sim.report();
  return { wallMs, deliveries: r.metrics.delivered, simMs: r.endTimeMs, anomalies: r.anomalyList.length };
}

function measure(orders: number, reps: number) {
  runOnce(Math.min(orders, 200)); // warm up the JIT
  const runs = Array.from({ length: reps }, () => runOnce(orders));
  const wall = median(runs.map((r) => r.wallMs));
  const deliveries = runs[0].deliveries;
  return { orders, wallMs: wall, deliveries, deliveryCostUs: (wall * 1000) / deliveries, simSpeedup: runs[0].simMs / wall, anomalies: runs[0].anomalies, simMs: runs[0].simMs };
}

const reps = quick ? 3 : 7;
const tCosts = Array.from({ length: reps }, () => transitionCostUs(200_000));
const transition = median(tCosts);
const small = measure(1000, reps);
const large = measure(10_000, quick ? 1 : 3);
const result = {
  deliveriesPerSec: Math.round(1e6 / small.deliveryCostUs),
  deliveryCostUs: +small.deliveryCostUs.toFixed(3),
  transitionCostUs: +transition.toFixed(3),
  deliveryCostInTransitions: +(small.deliveryCostUs / transition).toFixed(2),
  scaling10kOver1k: +(large.deliveryCostUs / small.deliveryCostUs).toFixed(2),
  simSpeedup: Math.round(small.simSpeedup),
  details: { small, large, reps },
};

if (json) {
  console.log(JSON.stringify(result));
} else {
  const f = (x: number, d = 2) => x.toFixed(d);
  console.log('Eventually engine benchmark (medians; every fault and every remedy on)');
  console.log(`  bare XState actor transition     ${f(transition, 3)} µs`);
  for (const r of [small, large]) {
    console.log(`  ${String(r.orders).padStart(6)} orders: ${r.deliveries} deliveries in ${f(r.wallMs, 1)} ms wall, ${f(r.simMs / 1000, 1)} s simulated, ${r.anomalies} anomalies`);
    console.log(`                 ${f(r.deliveryCostUs, 3)} µs per delivery = ${f(r.deliveryCostUs / transition)} bare transitions; ${Math.round(1e6 / r.deliveryCostUs)} deliveries/s; simulated time runs ${Math.round(r.simSpeedup)}× the wall clock`);
  }
  console.log(`  scaling: cost per delivery at 10k ÷ at 1k = ${f(result.scaling10kOver1k)} (aim ≤ 1.5)`);
  console.log(`  delivery cost in bare transitions = ${f(result.deliveryCostInTransitions)} (aim ≤ 4); speed-up ${result.simSpeedup}× (aim ≥ 1000×)`);
}
