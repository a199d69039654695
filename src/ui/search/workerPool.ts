/**
 * A pool of search workers, one per core: hands out slices ("chunks") of a search, adds up their
 * progress, and stops them all on Cancel. The failing run it reports is the lowest-numbered one
 * in the search, so the result does not depend on how many workers ran or which was faster.
 *
 * Workers are made per job and terminated when it ends, so a cancelled search leaves nothing
 * running behind it.
 */
import { type ExploreResult, type FailureRule, mergeExplorations } from '../../search';
import type { FoundRun, FromWorker, ShrunkRun, ToWorker } from './protocol';

/** The part of a Web Worker the pool uses (tests pass an in-process stand-in). */
export interface WorkerLike {
  postMessage(m: ToWorker): void;
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  terminate(): void;
}

/** Makes one worker. */
export type Spawn = () => WorkerLike;

/** Where a job has got to. */
export interface PoolProgress {
  runs: number;
  elapsedMs: number;
  /** Runs per second since the start (0 until a run has finished). */
  rate: number;
  workers: number;
}

/** How a job ended, apart from its figures. */
export type EndKind = { status: 'found'; found: FoundRun } | { status: 'none' } | { status: 'cancelled' } | { status: 'error'; message: string };

/** How a search job ended, with what it cost; `excused`: runs whose only broken rules the design shows as visible, not healed. */
export type SearchEnd = EndKind & { runs: number; elapsedMs: number; workers: number; excused: number };

/** A running job: its result, and how to stop it. */
export interface PoolJob<T> {
  done: Promise<T>;
  cancel(): void;
}

/** What a chunked job sends for one chunk. */
export type ChunkMessage = (chunk: number, from: number, count: number) => ToWorker;

/** Options for a chunked job. */
export interface ChunkedOptions {
  /** Total runs (or schedules) to cover, numbered 0 … total − 1. */
  total: number;
  chunkSize: number;
  workers: number;
  spawn: Spawn;
  message: ChunkMessage;
  now: () => number;
  onProgress?: (p: PoolProgress) => void;
}

/** Workers for this machine: one per core the browser reports, at least one, at most eight. */
export function defaultWorkerCount(): number {
  const n = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : 1;
  return Math.max(1, Math.min(8, Number.isFinite(n) && n > 0 ? n : 1));
}

/**
 * Covers runs 0 … total − 1 in chunks across the workers and stops at the first failing run
 * (the lowest-numbered one: chunks before it are finished, chunks after it are stopped).
 */
export function runChunked(opts: ChunkedOptions): PoolJob<SearchEnd> {
  const { total, chunkSize, spawn, message, now, onProgress } = opts;
  const chunks = Math.ceil(total / chunkSize);
  const started = now();
  const workers = Math.max(1, Math.min(opts.workers, chunks || 1));
  const pool: { w: WorkerLike; chunk: number | null }[] = [];
  const inFlight = new Map<number, number>();
  let completedRuns = 0;
  let excused = 0;
  let next = 0;
  let best: FoundRun | null = null;
  let finished = false;
  let resolve!: (e: SearchEnd) => void;
  const done = new Promise<SearchEnd>((r) => {
    resolve = r;
  });

  const runs = () => completedRuns + [...inFlight.values()].reduce((a, b) => a + b, 0);
  const progress = () => {
    const elapsedMs = now() - started;
    const r = runs();
    onProgress?.({ runs: r, elapsedMs, rate: elapsedMs > 0 ? (r * 1000) / elapsedMs : 0, workers });
  };
  const end = (e: EndKind) => {
    if (finished) return;
    finished = true;
    for (const p of pool) p.w.terminate();
    progress();
    resolve({ ...e, runs: runs(), elapsedMs: now() - started, workers, excused });
  };
  /** A chunk may still hold a lower failing run only if it starts before the best one found. */
  const mayBeatBest = (chunk: number) => best === null || chunk * chunkSize < best.runIndex;
  const feed = (slot: (typeof pool)[number]) => {
    while (next < chunks && !mayBeatBest(next)) next = chunks;
    if (next >= chunks) {
      slot.chunk = null;
      if (pool.every((p) => p.chunk === null)) end(best ? { status: 'found', found: best } : { status: 'none' });
      return;
    }
    const c = next++;
    const from = c * chunkSize;
    slot.chunk = c;
    inFlight.set(c, 0);
    slot.w.postMessage(message(c, from, Math.min(chunkSize, total - from)));
  };

  for (let i = 0; i < workers; i++) {
    const slot = { w: spawn(), chunk: null as number | null };
    pool.push(slot);
    slot.w.onmessage = (ev) => {
      if (finished) return;
      const m = ev.data;
      if (m.kind === 'progress') {
        if (inFlight.has(m.chunk)) inFlight.set(m.chunk, m.runs);
        progress();
      } else if (m.kind === 'chunkDone') {
        inFlight.delete(m.chunk);
        completedRuns += m.runs;
        excused += m.excused;
        if (m.found && (best === null || m.found.runIndex < best.runIndex)) best = m.found;
        // Chunks past a failing run cannot change the answer: stop them now.
        for (const p of pool) {
          if (p !== slot && p.chunk !== null && !mayBeatBest(p.chunk)) {
            // Its runs so far did happen: count them.
            completedRuns += inFlight.get(p.chunk) ?? 0;
            inFlight.delete(p.chunk);
            p.w.terminate();
            p.chunk = null;
          }
        }
        progress();
        feed(slot);
      } else if (m.kind === 'error') {
        end({ status: 'error', message: m.message });
      }
    };
    slot.w.onerror = (ev) => end({ status: 'error', message: ev.message || 'a search worker failed to start' });
  }
  if (chunks === 0) end({ status: 'none' });
  else for (const p of pool) feed(p);
  return { done, cancel: () => end({ status: 'cancelled' }) };
}

/** Shrinks a failing run on one worker; resolves null when cancelled. */
export function runShrink(found: FoundRun, rule: FailureRule, spawn: Spawn): PoolJob<ShrunkRun | null> & { failed: Promise<string | null> } {
  const w = spawn();
  let settle!: (r: ShrunkRun | null) => void;
  let fail!: (m: string | null) => void;
  const done = new Promise<ShrunkRun | null>((r) => {
    settle = r;
  });
  const failed = new Promise<string | null>((r) => {
    fail = r;
  });
  let over = false;
  const stop = (r: ShrunkRun | null, err: string | null) => {
    if (over) return;
    over = true;
    w.terminate();
    fail(err);
    settle(r);
  };
  w.onmessage = (ev) => {
    const m = ev.data;
    if (m.kind === 'shrunk') stop(m.result, null);
    else if (m.kind === 'error') stop(null, m.message);
  };
  w.onerror = (ev) => stop(null, ev.message || 'the shrinking worker failed to start');
  w.postMessage({ kind: 'shrink', found, rule });
  return { done, failed, cancel: () => stop(null, null) };
}

/** How an exhaustive job ended. */
export type ExploreEnd =
  | { status: 'done'; result: ExploreResult; elapsedMs: number; workers: number }
  | { status: 'cancelled'; runs: number; elapsedMs: number; workers: number }
  | { status: 'error'; message: string; elapsedMs: number; workers: number };

/** Options for a sliced job: each worker explores one share of the schedules. */
export interface SlicedOptions {
  workers: number;
  spawn: Spawn;
  message: (index: number, of: number) => ToWorker;
  now: () => number;
  onProgress?: (p: PoolProgress & { total: number | null }) => void;
}

/**
 * Splits an exhaustive exploration into one share per worker, and merges the shares when all are
 * done (the counterexample with the fewest faults wins, so the answer does not depend on timing).
 */
export function runSliced(opts: SlicedOptions): PoolJob<ExploreEnd> {
  const { spawn, now, onProgress } = opts;
  const workers = Math.max(1, opts.workers);
  const started = now();
  const progress = new Map<number, { runs: number; total: number | null }>();
  const results = new Map<number, ExploreResult>();
  const pool: WorkerLike[] = [];
  let finished = false;
  let resolve!: (e: ExploreEnd) => void;
  const done = new Promise<ExploreEnd>((r) => {
    resolve = r;
  });
  const runs = () => [...progress.values()].reduce((a, p) => a + p.runs, 0);
  const report = () => {
    const elapsedMs = now() - started;
    const r = runs();
    const totals = [...progress.values()].map((p) => p.total);
    const total = totals.length === workers && totals.every((t) => t !== null) ? totals.reduce((a, t) => a + (t ?? 0), 0) : null;
    onProgress?.({ runs: r, elapsedMs, rate: elapsedMs > 0 ? (r * 1000) / elapsedMs : 0, workers, total });
  };
  const end = (e: ExploreEnd) => {
    if (finished) return;
    finished = true;
    for (const w of pool) w.terminate();
    resolve(e);
  };
  for (let i = 0; i < workers; i++) {
    const w = spawn();
    pool.push(w);
    progress.set(i, { runs: 0, total: null });
    w.onmessage = (ev) => {
      if (finished) return;
      const m = ev.data;
      if (m.kind === 'progress') {
        progress.set(i, { runs: m.runs, total: m.total ?? null });
        report();
      } else if (m.kind === 'explored') {
        results.set(i, m.result);
        progress.set(i, { runs: m.result.schedules, total: m.result.schedules });
        report();
        if (results.size === workers) {
          const merged = mergeExplorations([...results.entries()].sort(([a], [b]) => a - b).map(([, r]) => r));
          end({ status: 'done', result: merged, elapsedMs: now() - started, workers });
        }
      } else if (m.kind === 'error') {
        end({ status: 'error', message: m.message, elapsedMs: now() - started, workers });
      }
    };
    w.onerror = (ev) => end({ status: 'error', message: ev.message || 'a search worker failed to start', elapsedMs: now() - started, workers });
    w.postMessage(opts.message(i, workers));
  }
  return { done, cancel: () => end({ status: 'cancelled', runs: runs(), elapsedMs: now() - started, workers }) };
}
