/**
 * Engine benchmark: `npm run bench [-- --json]`. Runs an every-fault, every-remedy scenario at
 * 1,000 and 10,000 orders and prints medians of: bus deliveries per second, the cost of one
 * delivery, the cost of one bare XState actor transition measured in the same process, and
 * simulated time per wall-clock time. Numbers, not assertions.
 */
import { performance } from 'node:perf_hooks';
import { createActor, createMachine } from 'xstate';
import { Simulation } from '../src/sim/engine';
import type { Scenario } from '../src/sim/types';
import { benchScenario, median } from './scenario';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');

const scenario = benchScenario;

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

function runOnce(sc: Scenario, metrics = false): Run {
  const sim = new Simulation(sc, { metrics });
  const t0 = performance.now();
  sim.runToEnd();
  const wallMs = performance.now() - t0;
  const r = sim.report();
  return { wallMs, deliveries: r.metrics.delivered, simMs: r.endTimeMs, anomalies: r.anomalyList.length };
}

/**
 * Runs and bare-transition measurements alternate, and each run's cost is divided by the
 * transition cost measured right before it: on a shared machine, load shifts both together,
 * so the paired ratio is steadier than either figure alone.
 */
function measure(orders: number, reps: number, intervalMs = 20) {
  const sc = scenario(orders, intervalMs);
  runOnce(scenario(200, intervalMs)); // warm up the JIT
  const pairs = Array.from({ length: reps }, () => {
    const t = transitionCostUs(100_000);
    const r = runOnce(sc);
    const costUs = (r.wallMs * 1000) / r.deliveries;
    return { t, r, costUs, ratio: costUs / t };
  });
  const first = pairs[0].r;
  return {
    orders,
    intervalMs,
    wallMs: median(pairs.map((p) => p.r.wallMs)),
    deliveries: first.deliveries,
    deliveryCostUs: median(pairs.map((p) => p.costUs)),
    transitionUs: median(pairs.map((p) => p.t)),
    ratio: median(pairs.map((p) => p.ratio)),
    simSpeedup: median(pairs.map((p) => p.r.simMs / p.r.wallMs)),
    anomalies: first.anomalies,
    simMs: first.simMs,
  };
}

const reps = quick ? 3 : 7;
const small = measure(1000, reps);
const large = measure(10_000, quick ? 1 : 3);
const sparse = measure(1000, quick ? 3 : 5, 150);

/** Observability's cost: runs with and without the metrics recorder alternate; median of paired ratios. */
function metricsOverhead(n: number): number {
  const sc = scenario(1000, 20);
  runOnce(sc, true); // warm up the recorder's code too
  return median(
    Array.from({ length: n }, () => {
      const off = runOnce(sc, false).wallMs;
      const on = runOnce(sc, true).wallMs;
      return on / off;
    }),
  );
}
const overhead = metricsOverhead(quick ? 3 : 7);
const result = {
  deliveriesPerSec: Math.round(1e6 / small.deliveryCostUs),
  deliveryCostUs: +small.deliveryCostUs.toFixed(3),
  transitionCostUs: +small.transitionUs.toFixed(3),
  deliveryCostInTransitions: +small.ratio.toFixed(2),
  scaling10kOver1k: +(large.ratio / small.ratio).toFixed(2),
  simSpeedup: Math.round(small.simSpeedup),
  simSpeedupDefaultRate: Math.round(sparse.simSpeedup),
  metricsOverhead: +overhead.toFixed(3),
  details: { small, large, sparse, reps },
};

if (json) {
  console.log(JSON.stringify(result));
} else {
  const f = (x: number, d = 2) => x.toFixed(d);
  console.log('Eventually engine benchmark (medians; every fault and every remedy on)');
  console.log(`  bare XState actor transition     ${f(small.transitionUs, 3)} µs`);
  for (const r of [small, large, sparse]) {
    console.log(`  ${String(r.orders).padStart(6)} orders, one per ${r.intervalMs} ms: ${r.deliveries} deliveries in ${f(r.wallMs, 1)} ms wall, ${f(r.simMs / 1000, 1)} s simulated, ${r.anomalies} anomalies`);
    console.log(`        ${f(r.deliveryCostUs, 3)} µs per delivery = ${f(r.ratio)} bare transitions (paired); ${Math.round(1e6 / r.deliveryCostUs)} deliveries/s; simulated time runs ${Math.round(r.simSpeedup)}× the wall clock`);
  }
  console.log(`  delivery cost in bare transitions: ${f(result.deliveryCostInTransitions)} (aim ≤ 4)`);
  console.log(`  scaling, cost per delivery at 10k ÷ at 1k: ${f(result.scaling10kOver1k)} (aim ≤ 1.5)`);
  console.log(`  recording metrics costs ×${f(overhead, 3)} engine time (budget ×1.2)`);
  console.log(`  speed-up: ${result.simSpeedup}× at 50 orders/s, ${result.simSpeedupDefaultRate}× at the default rate of one order per 150 ms (aim ≥ 1000×)`);
}
