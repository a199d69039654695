/**
 * Where a checkpoint's copy goes, table by table: `npx tsx bench/checkpointProfile.ts [orders]`.
 * Copies each part of a mid-run simulation on its own (copyState with a fresh memo) and prints the
 * time and the number of objects copied, largest first. Numbers only, no assertions.
 */
import { copyState } from '../src/sim/copyState';
import { Simulation } from '../src/sim/engine';
import { benchScenario } from './scenario';

const orders = Number(process.argv[2] ?? 10_000);
const probe = new Simulation(benchScenario(orders, 150));
probe.runToEnd();
const sim = new Simulation(benchScenario(orders, 150));
sim.runUntil(probe.now / 2);

/** Objects reachable from x that a copy would copy (frozen and XState parts are shared). */
function countObjects(x: unknown, seen: Set<object>): number {
  if (typeof x !== 'object' || x === null || seen.has(x) || Object.isFrozen(x)) return 0;
  if ('_nodes' in x || '__xstatenode' in x) return 0;
  seen.add(x);
  const name = (x as object).constructor?.name;
  if (name === 'GrowMap' || name === 'GrowSet') return 0;
  let n = 1;
  if (x instanceof Map) for (const [k, v] of x) n += countObjects(k, seen) + countObjects(v, seen);
  else if (x instanceof Set) for (const v of x) n += countObjects(v, seen);
  else for (const v of Object.values(x)) n += countObjects(v, seen);
  return n;
}

function timeCopy(x: object): number {
  const t0 = performance.now();
  for (let i = 0; i < 3; i++) copyState({ x });
  return (performance.now() - t0) / 3;
}

const rows: { path: string; ms: number; objects: number }[] = [];
const root = sim as unknown as Record<string, unknown>;
const s = root.s as Record<string, unknown>;
for (const [k, v] of Object.entries(root)) {
  if (k === 's' || k === 'trace' || k === 'w' || k === 'services' || k === 'whatIfs' || k === 'reconciler' || typeof v !== 'object' || v === null) continue;
  rows.push({ path: k, ms: timeCopy(v), objects: countObjects(v, new Set()) });
}
for (const [k, v] of Object.entries(s)) {
  if (k === 'world' || typeof v !== 'object' || v === null) continue;
  const fields = Object.entries(v as Record<string, unknown>).filter(([f, x]) => f !== 'world' && typeof x === 'object' && x !== null);
  if (fields.length === 0 || k === 'messages' || k === 'dirty') {
    rows.push({ path: `s.${k}`, ms: timeCopy(v), objects: countObjects(v, new Set()) });
    continue;
  }
  for (const [f, x] of fields) {
    if (f === 'rng' || f === 'bus' || f === 'sched' || f === 'env' || f === 'w') continue;
    rows.push({ path: `s.${k}.${f}`, ms: timeCopy(x as object), objects: countObjects(x, new Set()) });
  }
}
const t0 = performance.now();
sim.checkpoint();
const whole = performance.now() - t0;
rows.sort((a, b) => b.ms - a.ms);
console.log(`sum of parts: ${rows.reduce((a, r) => a + r.ms, 0).toFixed(1)} ms, ${rows.reduce((a, r) => a + r.objects, 0)} objects`);
console.log(`checkpoint of ${orders} orders at ${(sim.now / 1000).toFixed(1)} s, ${sim.eventsProcessed} events: whole copy ${whole.toFixed(1)} ms`);
for (const r of rows.slice(0, 45)) console.log(`  ${r.path.padEnd(40)} ${r.ms.toFixed(1).padStart(7)} ms ${String(r.objects).padStart(9)} objects`);
