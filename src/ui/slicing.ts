/**
 * Cooperative time slicing: long simulation work (seek, run to end, background runs) is
 * cut into slices of a few milliseconds with the event loop free in between, so no task
 * blocks the page for more than a frame or two.
 */

/** Lets the browser handle input and paint before the next slice. */
export function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Waits for idle time if the browser offers it (background work), else a short timeout. */
export function whenIdle(): Promise<number> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') {
      requestIdleCallback((d) => resolve(Math.max(2, Math.min(10, d.timeRemaining()))), { timeout: 200 });
    } else {
      setTimeout(() => resolve(6), 16);
    }
  });
}

/** The subset of the engine's Simulation that slicing needs. */
export interface Advanceable {
  readonly now: number;
  readonly done: boolean;
  runUntil(t: number): void;
  step(): boolean;
}

/** Largest virtual-time step of one `runUntil` call: a quiet stretch must not lure us into a huge one. */
const MAX_STEP_MS = 25;

/**
 * Advances `sim` towards `target` for at most `budgetMs` of wall time and returns true when it
 * got there. Towards a finite target it calls `runUntil` in virtual-time steps sized so one call
 * stays around a millisecond (`state.step` carries the learned size between calls); towards the
 * end it processes events one by one and checks the clock every few dozen.
 */
export function advanceFor(sim: Advanceable, target: number, budgetMs: number, state: { step: number }): boolean {
  const deadline = performance.now() + budgetMs;
  if (target === Number.POSITIVE_INFINITY) {
    let n = 0;
    while (sim.step()) {
      if ((++n & 31) === 0 && performance.now() >= deadline) return sim.done;
    }
    return true;
  }
  while (sim.now < target && !sim.done) {
    const t0 = performance.now();
    const before = sim.now;
    sim.runUntil(Math.min(target, sim.now + state.step));
    // Defensive: an engine that cannot move past `before` must not spin this loop forever.
    if (sim.now <= before) return true;
    const took = performance.now() - t0;
    if (took < 0.5) state.step = Math.min(state.step * 2, MAX_STEP_MS);
    else if (took > 2) state.step = Math.max(0.05, state.step / 2);
    if (performance.now() >= deadline) break;
  }
  return sim.now >= target || sim.done;
}
