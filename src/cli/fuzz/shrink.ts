/**
 * Greedy shrinking: try simpler versions of a failing scenario — fewer orders, fewer control
 * changes, faults back to their defaults or halved, shorter intervals, less stock — and keep any
 * that still shows the same failure, until nothing simpler does. Remedies stay as they were:
 * they are part of what the failure is about.
 */
import { DEFAULT_SCENARIO } from '../../sim/scenario';
import type { Faults, Scenario } from '../../sim/types';
import { checkRun } from './check';

function fewer(n: number, floor: number): number[] {
  return [...new Set([floor, Math.floor(n / 2), n - 1])].filter((x) => x >= floor && x < n);
}

/** Simpler neighbours of a scenario, the biggest simplifications first. */
export function simplerScenarios(s: Scenario): Scenario[] {
  const out: Scenario[] = [];
  const wl = (patch: Partial<Scenario['workload']>) => out.push({ ...s, workload: { ...s.workload, ...patch } });
  for (const n of fewer(s.workload.orders, 1)) wl({ orders: n });
  s.changes.forEach((_, i) => {
    out.push({ ...s, changes: s.changes.filter((_c, j) => j !== i) });
  });
  const d = DEFAULT_SCENARIO.faults;
  for (const k of Object.keys(d) as (keyof Faults)[]) {
    const v = s.faults[k];
    if (v === d[k]) continue;
    out.push({ ...s, faults: { ...s.faults, [k]: d[k] } });
    const half = k === 'latencyMs' ? Math.max(1, Math.round(v / 2)) : v <= 1 ? Math.round((v / 2) * 100) / 100 : Math.round(v / 2);
    if (half !== v && half !== d[k]) out.push({ ...s, faults: { ...s.faults, [k]: half } });
  }
  for (const n of fewer(s.inventory.stock, 0)) out.push({ ...s, inventory: { stock: n } });
  // A field that cannot matter (the interval of one order, the delay of no cancel) goes back
  // to its default rather than shrinking, so the file shows only what the failure needs.
  const dw = DEFAULT_SCENARIO.workload;
  if (s.workload.orders === 1) {
    if (s.workload.intervalMs !== dw.intervalMs) wl({ intervalMs: dw.intervalMs });
  } else for (const n of fewer(s.workload.intervalMs, 0)) wl({ intervalMs: n });
  if (s.workload.cancelRatio > 0) wl({ cancelRatio: 0 });
  if (s.workload.cancelRatio > 0 && s.workload.cancelRatio < 1) wl({ cancelRatio: 1 });
  if (s.workload.cancelRatio === 0) {
    if (s.workload.cancelAfterMs !== dw.cancelAfterMs) wl({ cancelAfterMs: dw.cancelAfterMs });
  } else for (const n of fewer(s.workload.cancelAfterMs, 0)) wl({ cancelAfterMs: n });
  if (s.workload.quantity > 1) wl({ quantity: 1 });
  if (s.workload.price !== DEFAULT_SCENARIO.workload.price) wl({ price: DEFAULT_SCENARIO.workload.price });
  s.changes.forEach((c, i) => {
    for (const atMs of fewer(c.atMs, i > 0 ? s.changes[i - 1].atMs : 0)) {
      out.push({ ...s, changes: s.changes.map((x, j) => (j === i ? { ...x, atMs } : x)) });
    }
  });
  return out;
}

/** The smallest scenario found that still shows `failure`, and the runs it took. */
export function shrink(start: Scenario, failure: string, budget: number): { scenario: Scenario; runs: number } {
  let current = start;
  let runs = 0;
  for (;;) {
    let improved = false;
    for (const candidate of simplerScenarios(current)) {
      if (runs >= budget) return { scenario: current, runs };
      runs++;
      if (checkRun(candidate).signature.includes(failure)) {
        current = candidate;
        improved = true;
        break;
      }
    }
    if (!improved) return { scenario: current, runs };
  }
}
