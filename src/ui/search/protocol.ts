/**
 * The messages between the page and a search worker. Plain data only (structured clone), so the
 * same shapes serve a real Web Worker and the in-process stand-in the unit tests use.
 */
import type { ExploreResult, FailureRule, FaultDecision } from '../../search';
import type { Violation } from '../../sim/checker';
import type { Scenario } from '../../sim/types';

/** A failing run: which run of the search it was, the scenario that replays it, the broken rules. */
export interface FoundRun {
  /** Position of the run in the search (0-based; -1 for an exhaustive schedule), so the lowest one wins whatever the worker count. */
  runIndex: number;
  scenario: Scenario;
  /** The first broken rule. */
  violation: Violation;
  /** Every broken rule of the run (a shrink may keep any of them). */
  violations: Violation[];
  /** The fault decisions injected (an exhaustive schedule), by number. */
  inject?: number[];
}

/** A failing run after shrinking, and what shrinking cost. */
export interface ShrunkRun {
  /** The minimal scenario, with its recorded choices: it replays to the same broken rule anywhere. */
  scenario: Scenario;
  violation: Violation;
  /** Runs the shrinker spent. */
  runs: number;
  /** The fault decisions that still say yes in it. */
  faultDecisions: FaultDecision[];
}

/** Work handed to a worker. */
export type ToWorker =
  | { kind: 'search'; chunk: number; scenario: Scenario; from: number; count: number; rule: FailureRule }
  | { kind: 'explore'; chunk: number; scenario: Scenario; maxFaults: number; slice: { index: number; of: number }; rule: FailureRule }
  | { kind: 'shrink'; found: FoundRun; rule: FailureRule };

/** What a worker reports back. */
export type FromWorker =
  | { kind: 'progress'; chunk: number; runs: number; total?: number }
  | { kind: 'chunkDone'; chunk: number; runs: number; found: FoundRun | null; excused: number }
  | { kind: 'explored'; chunk: number; result: ExploreResult }
  | { kind: 'shrunk'; result: ShrunkRun }
  | { kind: 'error'; message: string };
