/**
 * Checkpoints as the run cache takes them: `npx tsx bench/checkpointSeries.ts [orders] [count]`
 * runs a bench scenario and takes `count` checkpoints spread evenly over it, printing each one's
 * copy time, the heap it added (after a forced GC) and a restore's time. Numbers only.
 */
import { type Checkpoint, Simulation } from '../src/sim/engine';
import { timedCheckpoint } from './checkpointTiming';
import { benchScenario, median } from './scenario';

const orders = Number(process.argv[2] ?? 10_000);
const count = Number(process.argv[3] ?? 16);
const probe = new Simulation(benchScenario(orders, 150));
probe.runToEnd();
const total = probe.eventsProcessed;

const sim = new Simulation(benchScenario(orders, 150));
const cps: Checkpoint[] = [];
const copyMs: number[] = [];
const kib: number[] = [];
const estKib: number[] = [];
for (let i = 1; i <= count; i++) {
  while (sim.eventsProcessed < (total * i) / (count + 1) && sim.step()) {
    /* step */
  }
  const { cp, ms, bytes } = timedCheckpoint(sim);
  cps.push(cp);
  copyMs.push(ms);
  kib.push(bytes / 1024);
  estKib.push(cp.bytes / 1024);
}
const restoreMs: number[] = [];
for (const cp of cps) {
  const t0 = performance.now();
  Simulation.fromCheckpoint(cp);
  restoreMs.push(performance.now() - t0);
}
const f = (x: number) => x.toFixed(1);
console.log(`${orders} orders, ${total} events, ${count} checkpoints spread evenly`);
console.log(`  copy ms: median ${f(median(copyMs))}, first ${f(copyMs[0])}, last ${f(copyMs[count - 1])}`);
console.log(`  retained KiB per checkpoint: median ${f(median(kib))}, first ${f(kib[0])}, last ${f(kib[count - 1])}, all together ${f(kib.reduce((a, b) => a + b, 0))}`);
console.log(`  the engine's estimate (Checkpoint.bytes), KiB: median ${f(median(estKib))}, first ${f(estKib[0])}, all together ${f(estKib.reduce((a, b) => a + b, 0))}`);
console.log(`  restore ms: median ${f(median(restoreMs))}, last ${f(restoreMs[count - 1])}`);
