/**
 * A worker thread of `npm run search`: runs the jobs it is sent (src/search/jobs.ts) and posts
 * back progress and results. A shared flag, set by the main thread, stops a job between runs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runJob, type SearchJob } from '../search/jobs';

const stop = new Int32Array(workerData.stop as SharedArrayBuffer);
parentPort?.postMessage({ type: 'ready' });
parentPort?.on('message', (job: SearchJob) => {
  const result = runJob(
    job,
    () => Atomics.load(stop, 0) === 1,
    (runs) => parentPort?.postMessage({ type: 'progress', runs }),
  );
  parentPort?.postMessage({ type: 'result', result });
});
