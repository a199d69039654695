/**
 * Event budget benchmark: `npm run bench:budget`. Runs a scenario that would loop for a day of
 * virtual time (every order's command poisoned, retried every 10 ms, no dead-letter queue) with
 * the default budget and prints where it stopped, the heap it needed and how long it took, next
 * to what the same loop would need unbounded. Numbers, not assertions.
 */
import { performance } from 'node:perf_hooks';
import { EVENT_BUDGET } from '../src/sim/budget';
import { Simulation } from '../src/sim/engine';
import { parseScenario } from '../src/sim/scenario';

const looping = parseScenario({ seed: 3, workload: { orders: 10 }, faults: { poison: 1 }, durationMs: 86_400_000 });

const heapMb = () => process.memoryUsage().heapUsed / 1e6;
globalThis.gc?.();
const before = heapMb();
const t0 = performance.now();
const sim = new Simulation(looping);
let peak = 0;
while (sim.step()) if ((sim.eventsProcessed & 0xffff) === 0) peak = Math.max(peak, heapMb() - before);
const wall = performance.now() - t0;
peak = Math.max(peak, heapMb() - before);
const r = sim.report();
const perVirtualSecond = r.metrics.events / (r.endTimeMs / 1000);
const unbounded = perVirtualSecond * (looping.durationMs / 1000);
console.log(`budget            ${EVENT_BUDGET.toLocaleString('en-US')} events`);
console.log(`stopped           ${r.stoppedEarly ? `yes, at ${(r.endTimeMs / 1000).toFixed(1)} s of ${looping.durationMs / 1000} s virtual` : 'no'}`);
console.log(`trace events      ${sim.trace.length.toLocaleString('en-US')} (${(sim.trace.length / r.metrics.events).toFixed(2)} per scheduler event)`);
console.log(`heap growth       ${peak.toFixed(0)} MB peak (${((peak * 1e6) / r.metrics.events).toFixed(0)} bytes per event)`);
console.log(`wall time         ${(wall / 1000).toFixed(1)} s (${((wall * 1000) / r.metrics.events).toFixed(2)} µs per event)`);
console.log(`unbounded run     ~${(unbounded / 1e6).toFixed(0)} million events, ~${((unbounded * peak) / r.metrics.events / 1000).toFixed(0)} GB at the same rate (${(unbounded / r.metrics.events).toFixed(0)}x the budget)`);
