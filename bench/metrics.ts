/**
 * Cost of observability: `npm run bench:metrics [-- --json] [-- --reps N]`. Runs the same
 * 1,000-order, every-fault, every-remedy scenario with and without the metrics recorder
 * (samples every 100 virtual ms plus alert evaluation), alternating the two so drift in the
 * machine's speed hits both alike, and prints the medians and their ratio. Time is measured as
 * process CPU time (user + system), which a busy shared machine disturbs far less than wall
 * time; wall-clock medians are printed too. The budget is a CPU-time ratio of at most 1.20;
 * the script exits non-zero above it so CI can hold the line.
 */
import { performance } from 'node:perf_hooks';
import { Simulation } from '../src/sim/engine';
import type { Scenario } from '../src/sim/types';
import { benchScenario, median } from './scenario';

const json = process.argv.includes('--json');
const repsArg = process.argv.indexOf('--reps');
const reps = repsArg > 0 ? Math.max(1, Number(process.argv[repsArg + 1])) : 15;
const BUDGET = 1.2;

/** The engine benchmark's scenario, so the two benches are comparable. */
const scenario = (orders: number): Scenario => ({ ...benchScenario(orders), name: `metrics bench ${orders}` });

interface Run {
  ms: number;
  cpuMs: number;
  hash: string;
  samples: number;
  alerts: number;
  simMs: number;
}

function runOnce(s: Scenario, metrics: boolean): Run {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const sim = new Simulation(s, { metrics });
  sim.runToEnd();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpuMs: (c.user + c.system) / 1000, hash: sim.traceHash(), samples: sim.recorder?.series.t.length ?? 0, alerts: sim.recorder?.alerts.length ?? 0, simMs: sim.now };
}

const s = scenario(1000);
// Warm up the JIT on both paths.
runOnce(scenario(200), false);
runOnce(scenario(200), true);
const off: Run[] = [];
const on: Run[] = [];
for (let i = 0; i < reps; i++) {
  // Alternate which goes first, so neither always runs on a warmer (or more fragmented) heap.
  if (i % 2) {
    on.push(runOnce(s, true));
    off.push(runOnce(s, false));
  } else {
    off.push(runOnce(s, false));
    on.push(runOnce(s, true));
  }
}
const offMs = median(off.map((r) => r.cpuMs));
const onMs = median(on.map((r) => r.cpuMs));
// Each pair ran back to back under the same load, so the median of per-pair ratios is the
// steadiest estimate on a shared machine; it is what the budget is checked against.
const ratio = median(on.map((r, i) => r.cpuMs / off[i].cpuMs));
const offWall = median(off.map((r) => r.ms));
const onWall = median(on.map((r) => r.ms));
// Best-of-N filters out other processes on a shared machine: the intrinsic cost shows in the minima.
const offBest = Math.min(...off.map((r) => r.ms));
const onBest = Math.min(...on.map((r) => r.ms));
const sameTrace = on.every((r) => r.hash === off[0].hash);
const result = {
  orders: 1000,
  reps,
  simulatedMs: on[0].simMs,
  samples: on[0].samples,
  alerts: on[0].alerts,
  medianCpuMsWithout: +offMs.toFixed(1),
  medianCpuMsWith: +onMs.toFixed(1),
  ratio: +ratio.toFixed(3),
  cpuRatioOfMedians: +(onMs / offMs).toFixed(3),
  medianWallMsWithout: +offWall.toFixed(1),
  medianWallMsWith: +onWall.toFixed(1),
  wallRatio: +(onWall / offWall).toFixed(3),
  bestWallMsWithout: +offBest.toFixed(1),
  bestWallMsWith: +onBest.toFixed(1),
  bestWallRatio: +(onBest / offBest).toFixed(3),
  budget: BUDGET,
  sameTrace,
};

if (json) {
  console.log(JSON.stringify(result));
} else {
  console.log('Eventually metrics benchmark (1,000 orders, every fault and every remedy; medians)');
  console.log(`  simulated ${(result.simulatedMs / 1000).toFixed(1)} s → ${result.samples} samples, ${result.alerts} alerts; ${reps} runs each`);
  console.log(`  without metrics  CPU ${offMs.toFixed(1)} ms, wall ${offWall.toFixed(1)} ms   (CPU runs: ${off.map((r) => r.cpuMs.toFixed(0)).join(', ')})`);
  console.log(`  with metrics     CPU ${onMs.toFixed(1)} ms, wall ${onWall.toFixed(1)} ms   (CPU runs: ${on.map((r) => r.cpuMs.toFixed(0)).join(', ')})`);
  console.log(`  ratio with/without: median of paired CPU ratios ${ratio.toFixed(3)} (budget ≤ ${BUDGET}); of medians: CPU ${(onMs / offMs).toFixed(3)}, wall ${(onWall / offWall).toFixed(3)}`);
  console.log(`  best of ${reps}: ${offBest.toFixed(1)} ms → ${onBest.toFixed(1)} ms, ratio ${(onBest / offBest).toFixed(3)}`);
  console.log(`  trace identical with and without: ${sameTrace ? 'yes' : 'NO'}`);
}
if (ratio > BUDGET || !sameTrace) process.exitCode = 1;
