/**
 * One checkpoint taken and measured the same way by every bench: its copy time, and the heap it
 * added, read around the copy alone (after forced GCs), so the run's own growth is not counted.
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Checkpoint, Simulation } from '../src/sim/engine';

setFlagsFromString('--expose-gc');
/** V8's collector, exposed for benches that read the heap. */
export const gc = runInNewContext('gc') as () => void;

/** Takes a checkpoint of `sim` now: the checkpoint, its copy time (ms) and the heap it added (bytes). */
export function timedCheckpoint(sim: Simulation): { cp: Checkpoint; ms: number; bytes: number } {
  gc();
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const cp = sim.checkpoint();
  const ms = performance.now() - t0;
  gc();
  return { cp, ms, bytes: process.memoryUsage().heapUsed - before };
}
