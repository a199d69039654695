/**
 * What the engine bench reads beside CPU time to say *why* a delivery costs more in a bigger run:
 * the garbage collector's pauses and the machine steps XState itself had to take because
 * `machines/pure.ts`'s memo did not know them. Both are read per run window, so a bench can put
 * them next to that run's CPU time.
 */
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { MACHINES } from '../src/sim/machines/index';

/** XState `transition` calls so far (memo misses of pure.ts's `step`). */
export const xstateSteps = { n: 0 };

// XState binds `transition` onto each machine in its constructor, so wrapping that own property
// counts every call pure.ts makes. A memo hit never reaches it, so this costs nothing on hits.
for (const { machine } of MACHINES) {
  const original = machine.transition;
  machine.transition = (...args: Parameters<typeof original>) => {
    xstateSteps.n++;
    return original(...args);
  };
}

/** GC pauses as [start, duration] in performance.now() ms; entries arrive after the synchronous run. */
const pauses: [number, number][] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) pauses.push([e.startTime, e.duration]);
}).observe({ entryTypes: ['gc'] });

/** A measured stretch of time whose GC pauses can be summed once the observer has caught up. */
export interface Window {
  from: number;
  to: number;
}

/** Marks the start of a window; pass the result to `closeWindow` when the work is done. */
export function openWindow(): Window {
  return { from: performance.now(), to: Number.POSITIVE_INFINITY };
}

/** Ends a window at the current time. */
export function closeWindow(w: Window): Window {
  w.to = performance.now();
  return w;
}

/**
 * Total GC pause (ms) that started inside the window. The observer's entries are delivered on a
 * later turn of the event loop, so await `gcSettled()` before reading.
 */
export function gcMsIn(w: Window): number {
  let ms = 0;
  for (const [start, duration] of pauses) if (start >= w.from && start < w.to) ms += duration;
  return ms;
}

/** Lets the GC observer deliver the entries of everything run so far. */
export function gcSettled(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20));
}
