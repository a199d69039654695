/**
 * Runs search jobs on worker threads (one per core by default), or in this thread when asked
 * for one worker. Jobs go out in order to whichever worker is free; `keep` is asked just before
 * each is handed out, so a search that has its answer stops handing out work.
 */
import { Worker } from 'node:worker_threads';
import { runJob, type SearchJob, type SearchJobResult } from '../search/jobs';

/** Something that runs jobs. */
export interface JobRunner {
  /** Runs the jobs `keep` still wants, calling `onResult` as each ends; resolves when all handed out are done. */
  run(jobs: readonly SearchJob[], keep: (job: SearchJob) => boolean, onResult: (r: SearchJobResult) => void, onProgress?: (runs: number) => void): Promise<void>;
  /** Resolves when every worker has started (so a rate measured after it leaves start-up out). */
  ready(): Promise<void>;
  /** Asks running jobs to stop between two runs. */
  stop(): void;
  close(): Promise<void>;
}

/** Runs jobs one after another in this thread. */
export function inThread(): JobRunner {
  let stopped = false;
  return {
    ready: async () => {},
    async run(jobs, keep, onResult, onProgress) {
      stopped = false;
      for (const job of jobs) {
        if (stopped || !keep(job)) continue;
        onResult(runJob(job, () => stopped, onProgress));
      }
    },
    stop() {
      stopped = true;
    },
    async close() {},
  };
}

/** Runs jobs on `n` worker threads. */
export function workerThreads(n: number): JobRunner {
  const flag = new SharedArrayBuffer(4);
  const stop = new Int32Array(flag);
  // The worker is TypeScript, and tsx registers its loader in the main thread only: a small
  // bootstrap registers tsx's loader in the worker first, then imports the worker file.
  const file = new URL('./searchWorker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((t) => { t.register(); return import(${JSON.stringify(file)}); });`;
  const workers = Array.from({ length: n }, () => new Worker(boot, { eval: true, workerData: { stop: flag } }));
  const started: Promise<unknown> = Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
    w.once('message', () => resolve());
    w.once('error', reject);
  })));
  return {
    ready: () => started.then(() => undefined),
    run(jobs, keep, onResult, onProgress) {
      Atomics.store(stop, 0, 0);
      let next = 0;
      return new Promise((resolve, reject) => {
        let busy = 0;
        const handOut = (w: Worker): boolean => {
          while (next < jobs.length) {
            const job = jobs[next++];
            if (Atomics.load(stop, 0) === 1 || !keep(job)) continue;
            busy++;
            w.postMessage(job);
            return true;
          }
          return false;
        };
        for (const w of workers) {
          w.removeAllListeners('message');
          w.removeAllListeners('error');
          w.on('error', reject);
          w.on('message', (m: { type: 'progress'; runs: number } | { type: 'result'; result: SearchJobResult }) => {
            if (m.type === 'progress') {
              onProgress?.(m.runs);
              return;
            }
            busy--;
            onResult(m.result);
            handOut(w);
            if (busy === 0) resolve();
          });
        }
        for (const w of workers) handOut(w);
        if (busy === 0) resolve();
      });
    },
    stop() {
      Atomics.store(stop, 0, 1);
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
