/**
 * Options every run the page starts gets. The event budget can be lowered by a browser test
 * (`window.__eventuallyEventBudget`, set before the page loads) so it can show a run stopped
 * by its budget without processing five million events; nothing in the product sets it.
 */
import type { SimulationOptions } from '../sim/engine';

declare global {
  interface Window {
    /** Browser tests only: a smaller event budget for every run (see runOptions.ts). */
    __eventuallyEventBudget?: number;
  }
}

/** Metrics on (the observability panels read them), and the test budget if one is set. */
export function runOptions(): SimulationOptions {
  const budget = typeof window === 'undefined' ? undefined : window.__eventuallyEventBudget;
  return Number.isInteger(budget) && (budget as number) > 0 ? { metrics: true, eventBudget: budget } : { metrics: true };
}
