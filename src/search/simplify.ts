/**
 * Simpler neighbours of a scenario, for shrinking: fewer orders, fewer control changes, faults
 * off or halved, shorter intervals, less stock. Remedies stay as they are: they are the design
 * the failure is about. Shared by `npm run fuzz` and the search.
 */
import { DEFAULT_SCENARIO } from '../sim/scenario';
import type { Faults, Scenario } from '../sim/types';

function fewer(n: number, floor: number): number[] {
  return [...new Set([floor, Math.floor(n / 2), n - 1])].filter((x) => x >= floor && x < n);
}

/** What `simplerScenarios` may touch. */
export interface SimplifyOptions {
  /** Try less stock (default true). A search keeps the stock: it is part of the design, and running out of it is a different failure. */
  stock?: boolean;
}

/** Simpler neighbours of a scenario, the biggest simplifications first. */
export function simplerScenarios(s: Scenario, opts: SimplifyOptions = {}): Scenario[] {
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
  if (opts.stock !== false) for (const n of fewer(s.inventory.stock, 0)) out.push({ ...s, inventory: { stock: n } });
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

/**
 * Greedy shrinking: tries the candidates of the current value in order and moves to the first
 * that still `holds`, until none does or `budget` tries are spent. Returns the last that held.
 */
export function greedy<T>(start: T, candidates: (x: T) => T[], holds: (x: T) => boolean, budget: number, stop?: () => boolean): { value: T; tries: number } {
  let current = start;
  let tries = 0;
  for (;;) {
    let improved = false;
    for (const c of candidates(current)) {
      if (tries >= budget || stop?.()) return { value: current, tries };
      tries++;
      if (holds(c)) {
        current = c;
        improved = true;
        break;
      }
    }
    if (!improved) return { value: current, tries };
  }
}
