/**
 * The Search tab's state and actions, outside React so switching tabs loses nothing: "Find a
 * failing run" (a pooled random search, then shrinking, then opening the minimal run), its
 * progress, Cancel, and the outcome in words the panel shows.
 */
import { create } from 'zustand';
import type { Violation } from '../../sim/checker';
import type { Scenario } from '../../sim/types';
import { playground } from '../playgroundApi';
import { type Opened, openInPlayground } from './openRun';
import type { FoundRun, ShrunkRun } from './protocol';
import { searchBase, whatIfsLeftOut } from './searchScenario';
import { defaultWorkerCount, type PoolProgress, runChunked, runShrink, type Spawn } from './workerPool';

/** What the Search tab is doing or has done. */
export type SearchPhase = 'idle' | 'searching' | 'shrinking' | 'opening' | 'found' | 'none' | 'cancelled' | 'error';

/** The finished search's figures. */
export interface SearchFigures {
  runs: number;
  elapsedMs: number;
  rate: number;
  workers: number;
}

/** The store's shape. */
export interface SearchState {
  phase: SearchPhase;
  /** Runs to try before giving up. */
  budget: number;
  progress: PoolProgress | null;
  figures: SearchFigures | null;
  found: FoundRun | null;
  shrunk: ShrunkRun | null;
  opened: Opened | null;
  /** Hand-made what-ifs of the playground's run that the search left out. */
  leftOut: number;
  error: string | null;
}

/** Runs the button tries by default: a few seconds on a laptop. */
export const DEFAULT_BUDGET = 2000;
/** Runs per slice handed to a worker: small enough to balance the workers, big enough that messages cost nothing. */
const CHUNK = 25;

/** The one store. */
export const useSearch = create<SearchState>(() => ({
  phase: 'idle',
  budget: DEFAULT_BUDGET,
  progress: null,
  figures: null,
  found: null,
  shrunk: null,
  opened: null,
  leftOut: 0,
  error: null,
}));

/** Makes a real module worker; Vite bundles the entry into its own chunk. */
export const spawnWorker: Spawn = () => new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module', name: 'search' });

let cancelCurrent: (() => void) | null = null;

/** True while a search, a shrink or the opening of its run is under way. */
export function searchBusy(phase: SearchPhase = useSearch.getState().phase): boolean {
  return phase === 'searching' || phase === 'shrinking' || phase === 'opening';
}

/** Stops whatever is running; the panel then says how far it got. */
export function cancelSearch(): void {
  cancelCurrent?.();
}

/** Sets the number of runs to try (whole, 1 … 1,000,000; anything else keeps the old value). */
export function setBudget(n: number): void {
  if (Number.isInteger(n) && n >= 1 && n <= 1_000_000) useSearch.setState({ budget: n });
}

/** Opens a shrunk (or found) run in the playground with its violation selected. */
export async function openRun(scenario: Scenario, violation: Violation): Promise<void> {
  useSearch.setState({ phase: 'opening' });
  const opened = await openInPlayground(scenario, violation);
  useSearch.setState({ phase: 'found', opened });
}

/**
 * "Find a failing run": searches from the playground's scenario under its current faults and
 * remedies, shrinks the first failing run, and opens the minimal one in the playground.
 */
export async function findFailingRun(spawn: Spawn = spawnWorker, workers = defaultWorkerCount()): Promise<void> {
  if (searchBusy()) return;
  const current = playground.getScenario();
  const base = searchBase(current);
  const { budget } = useSearch.getState();
  useSearch.setState({ phase: 'searching', progress: null, figures: null, found: null, shrunk: null, opened: null, error: null, leftOut: whatIfsLeftOut(current) });
  const job = runChunked({
    total: budget,
    chunkSize: CHUNK,
    workers,
    spawn,
    now: () => performance.now(),
    message: (chunk, from, count) => ({ kind: 'search', chunk, scenario: base, from, count }),
    onProgress: (progress) => useSearch.setState({ progress }),
  });
  cancelCurrent = job.cancel;
  const end = await job.done;
  cancelCurrent = null;
  const figures = { runs: end.runs, elapsedMs: end.elapsedMs, rate: end.elapsedMs > 0 ? (end.runs * 1000) / end.elapsedMs : 0, workers: end.workers };
  if (end.status === 'error') return void useSearch.setState({ phase: 'error', error: end.message, figures });
  if (end.status === 'cancelled') return void useSearch.setState({ phase: 'cancelled', figures });
  if (end.status === 'none') return void useSearch.setState({ phase: 'none', figures });
  useSearch.setState({ phase: 'shrinking', figures, found: end.found });
  const shrink = runShrink(end.found, spawn);
  cancelCurrent = shrink.cancel;
  const shrunk = await shrink.done;
  cancelCurrent = null;
  const failure = await shrink.failed;
  if (failure) return void useSearch.setState({ phase: 'error', error: failure });
  // Cancelling the shrink keeps the unshrunk run: it still breaks the rule, so it is still worth opening.
  const minimal: ShrunkRun = shrunk ?? { scenario: end.found.scenario, violation: end.found.violation, runs: 0, steps: [] };
  useSearch.setState({ shrunk: shrunk ? minimal : null });
  await openRun(minimal.scenario, minimal.violation);
}
