/**
 * A search worker (a Vite module worker): takes one slice of work at a time from the pool, runs
 * it with search-core's functions, and reports progress a few times a second. Cancelling is the
 * pool terminating the worker, so a slice never needs to look for a stop flag.
 */
/// <reference lib="webworker" />
import { exploreSlice, searchSlice, shrinkRun } from './backend';
import type { FromWorker, ToWorker } from './protocol';

const PROGRESS_EVERY_MS = 150;

function post(m: FromWorker): void {
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);
}

/** A progress callback that posts at most every PROGRESS_EVERY_MS. */
function throttled(chunk: number): (runs: number, total?: number) => void {
  let last = performance.now();
  return (runs, total) => {
    const t = performance.now();
    if (t - last < PROGRESS_EVERY_MS) return;
    last = t;
    post({ kind: 'progress', chunk, runs, total });
  };
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const job = e.data;
  try {
    if (job.kind === 'search') {
      const r = searchSlice(job.scenario, job.from, job.count, job.rule, throttled(job.chunk));
      post({ kind: 'chunkDone', chunk: job.chunk, runs: r.runs, found: r.found, excused: r.excused });
    } else if (job.kind === 'explore') {
      const result = exploreSlice(job.scenario, job.maxFaults, job.slice, job.rule, throttled(job.chunk));
      post({ kind: 'explored', chunk: job.chunk, result });
    } else {
      post({ kind: 'shrunk', result: shrinkRun(job.found, job.rule) });
    }
  } catch (err) {
    post({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
