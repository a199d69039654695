/**
 * The search pool's promise: whatever the number of workers, the chunk size and the order in
 * which workers happen to finish, it reports the lowest-numbered failing run (or none), counts
 * every run it made, and leaves no worker running once it has ended or been cancelled.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseScenario } from '../../../src/sim/scenario';
import type { FromWorker, ToWorker } from '../../../src/ui/search/protocol';
import { runChunked, type WorkerLike } from '../../../src/ui/search/workerPool';

const SCENARIO = parseScenario({ workload: { orders: 1 } });
const violation = { invariant: 'ordersEnd' as const, orderIds: ['o1'], sentence: 'stub' };

/** An in-process worker: fails at the given run numbers, answering after a random delay. */
function fakeWorkers(failing: Set<number>, delays: () => number) {
  const alive = new Set<WorkerLike>();
  const spawn = () => {
    const w: WorkerLike = {
      onmessage: null,
      onerror: null,
      terminate: () => alive.delete(w),
      postMessage: (m: ToWorker) => {
        if (m.kind !== 'search') return;
        setTimeout(() => {
          if (!alive.has(w)) return;
          let runs = 0;
          let found = null;
          for (let i = m.from; i < m.from + m.count; i++) {
            runs++;
            if (failing.has(i)) {
              found = { runIndex: i, scenario: SCENARIO, violation, violations: [violation] };
              break;
            }
          }
          const reply: FromWorker = { kind: 'chunkDone', chunk: m.chunk, runs, found, excused: 0 };
          w.onmessage?.({ data: reply } as MessageEvent<FromWorker>);
        }, delays());
      },
    };
    alive.add(w);
    return w;
  };
  return { spawn, alive };
}

describe('worker pool', () => {
  test('reports the lowest failing run whatever the workers, chunks and timing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 300 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 400 }), { maxLength: 6 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 20 }),
        async (total, failing, workers, chunkSize, delayList) => {
          let d = 0;
          const { spawn, alive } = fakeWorkers(new Set(failing), () => delayList[d++ % delayList.length]);
          const job = runChunked({ total, chunkSize, workers, spawn, now: () => 0, message: (chunk, from, count) => ({ kind: 'search', chunk, scenario: SCENARIO, from, count, rule: {} }) });
          const end = await job.done;
          const lowest = failing.filter((i) => i < total).sort((a, b) => a - b)[0];
          if (lowest === undefined) {
            expect(end.status).toBe('none');
            expect(end.runs).toBe(total);
          } else {
            expect(end.status).toBe('found');
            if (end.status === 'found') expect(end.found.runIndex).toBe(lowest);
            // Every run up to and including the failing one was made.
            expect(end.runs).toBeGreaterThanOrEqual(lowest + 1);
          }
          expect(alive.size).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
  });

  test('cancel ends the job at once and terminates every worker', async () => {
    const { spawn, alive } = fakeWorkers(new Set(), () => 5);
    const job = runChunked({ total: 10_000, chunkSize: 10, workers: 3, spawn, now: () => 0, message: (chunk, from, count) => ({ kind: 'search', chunk, scenario: SCENARIO, from, count, rule: {} }) });
    await new Promise((r) => setTimeout(r, 30));
    job.cancel();
    const end = await job.done;
    expect(end.status).toBe('cancelled');
    expect(end.runs).toBeGreaterThan(0);
    expect(end.runs).toBeLessThan(10_000);
    expect(alive.size).toBe(0);
  });

  test('a worker that cannot start ends the job with its error', async () => {
    const spawn = () => {
      const w: WorkerLike = { onmessage: null, onerror: null, terminate: () => {}, postMessage: () => setTimeout(() => w.onerror?.({ message: 'no worker here' } as ErrorEvent), 1) };
      return w;
    };
    const end = await runChunked({ total: 10, chunkSize: 5, workers: 2, spawn, now: () => 0, message: (chunk, from, count) => ({ kind: 'search', chunk, scenario: SCENARIO, from, count, rule: {} }) }).done;
    expect(end).toMatchObject({ status: 'error', message: 'no worker here' });
  });
});
