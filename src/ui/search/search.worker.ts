/**
 * A search worker (a Vite module worker): takes one slice of work at a time from the pool, runs
 * it with the engine and the checker, and reports progress a few times a second. Cancelling is
 * the pool terminating the worker, so a slice never needs to look for a stop flag.
 */
/// <reference lib="webworker" />
import { searchSlice, shrinkRun } from './backend';
import type { FromWorker, ToWorker } from './protocol';

const PROGRESS_EVERY_MS = 150;

function post(m: FromWorker): void {
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const job = e.data;
  try {
    if (job.kind === 'search') {
      let last = performance.now();
      const r = searchSlice(job.scenario, job.from, job.count, (runs) => {
        const t = performance.now();
        if (t - last < PROGRESS_EVERY_MS) return;
        last = t;
        post({ kind: 'progress', chunk: job.chunk, runs });
      });
      post({ kind: 'chunkDone', chunk: job.chunk, runs: r.runs, found: r.found });
    } else if (job.kind === 'shrink') {
      post({ kind: 'shrunk', result: shrinkRun(job.found) });
    } else {
      post({ kind: 'error', message: 'exhaustive exploration is not available in this build' });
    }
  } catch (err) {
    post({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
