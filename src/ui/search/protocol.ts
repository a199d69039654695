/**
 * The messages between the page and a search worker. Plain data only (structured clone), so the
 * same shapes serve a real Web Worker and the in-process stand-in the unit tests use.
 */
import type { Violation } from '../../sim/checker';
import type { Scenario } from '../../sim/types';

/** A failing run: which run of the search it was, the scenario that replays it, the broken rule. */
export interface FoundRun {
  /** Position of the run in the search (0-based), so the lowest one wins whatever the worker count. */
  runIndex: number;
  scenario: Scenario;
  violation: Violation;
}

/** A failing run after shrinking, and what shrinking cost. */
export interface ShrunkRun {
  scenario: Scenario;
  violation: Violation;
  /** Runs the shrinker spent. */
  runs: number;
  /** Short lines saying what shrinking removed, e.g. "orders 5 → 1". */
  steps: string[];
}

/** Work handed to a worker. */
export type ToWorker =
  | { kind: 'search'; chunk: number; scenario: Scenario; from: number; count: number }
  | { kind: 'explore'; chunk: number; scenario: Scenario; maxFaults: number; from: number; count: number }
  | { kind: 'shrink'; found: FoundRun };

/** What a worker reports back. */
export type FromWorker =
  | { kind: 'progress'; chunk: number; runs: number }
  | { kind: 'chunkDone'; chunk: number; runs: number; found: FoundRun | null; total?: number }
  | { kind: 'shrunk'; result: ShrunkRun }
  | { kind: 'error'; message: string };
