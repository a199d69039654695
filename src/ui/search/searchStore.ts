/**
 * The Search tab's state and actions, outside React so switching tabs loses nothing: "Find a
 * failing run" (a pooled random search), "Prove it" (a pooled exhaustive exploration), their
 * progress and Cancel, then shrinking the failing run and opening the minimal one.
 */
import { create } from 'zustand';
import { describeBound, type ExploreResult } from '../../search';
import type { Violation } from '../../sim/checker';
import { FAULTS } from '../../sim/catalog';
import type { Faults, Scenario } from '../../sim/types';
import { playground } from '../playgroundApi';
import { unshrunk } from './backend';
import { type Opened, openInPlayground } from './openRun';
import type { FoundRun, ShrunkRun } from './protocol';
import { RULE } from './rule';
import { proveScenario, searchBase, whatIfsLeftOut } from './searchScenario';
import { defaultWorkerCount, type PoolProgress, runChunked, runShrink, runSliced, type Spawn } from './workerPool';

/** What the Search tab is doing or has done. */
export type SearchPhase = 'idle' | 'searching' | 'shrinking' | 'opening' | 'found' | 'none' | 'cancelled' | 'error';

/** Which of the two tools ran last. */
export type SearchMode = 'find' | 'prove';

/** The finished search's figures. */
export interface SearchFigures {
  runs: number;
  elapsedMs: number;
  rate: number;
  workers: number;
  /** Runs whose only broken rules the design shows as visible, not healed (manual review). */
  excused: number;
}

/** "Prove it"'s outcome: the merged exploration and what its bound means. */
export interface Proof {
  result: ExploreResult;
  /** The plain sentence of what was and was not explored. */
  bound: string;
  scenario: Scenario;
}

/** The store's shape. */
export interface SearchState {
  mode: SearchMode;
  phase: SearchPhase;
  /** Runs "Find a failing run" tries before giving up. */
  budget: number;
  /** "Prove it": orders (1–3) and most faults per schedule (K). */
  proveOrders: number;
  maxFaults: number;
  progress: (PoolProgress & { total?: number | null }) | null;
  figures: SearchFigures | null;
  found: FoundRun | null;
  shrunk: ShrunkRun | null;
  opened: Opened | null;
  proof: Proof | null;
  /** Hand-made what-ifs of the playground's run that the search left out. */
  leftOut: number;
  /** No fault was switched on: only timing differed between runs. */
  noFaults: boolean;
  error: string | null;
}

const FAULT_KEYS = Object.keys(FAULTS) as (keyof Faults)[];
/** Background conditions, not faults a learner switches on. */
const AMBIENT: (keyof Faults)[] = ['latencyMs', 'jitterMs'];

/** Runs the button tries by default: a few seconds on a laptop. */
export const DEFAULT_BUDGET = 2000;
/** Runs per slice handed to a worker: small enough to balance the workers, big enough that messages cost nothing. */
const CHUNK = 20;

/** The one store. */
export const useSearch = create<SearchState>(() => ({
  mode: 'find',
  phase: 'idle',
  budget: DEFAULT_BUDGET,
  proveOrders: 2,
  maxFaults: 2,
  progress: null,
  figures: null,
  found: null,
  shrunk: null,
  opened: null,
  proof: null,
  leftOut: 0,
  noFaults: false,
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

/** Sets "Prove it"'s bound: 1–3 orders, 1–3 faults. */
export function setProveBound(patch: { orders?: number; maxFaults?: number }): void {
  const ok = (n: number | undefined) => n !== undefined && Number.isInteger(n) && n >= 1 && n <= 3;
  if (ok(patch.orders)) useSearch.setState({ proveOrders: patch.orders });
  if (ok(patch.maxFaults)) useSearch.setState({ maxFaults: patch.maxFaults });
}

/** Opens a shrunk (or found) run in the playground with its violation selected. */
export async function openRun(scenario: Scenario, violation: Violation): Promise<void> {
  useSearch.setState({ phase: 'opening' });
  const opened = await openInPlayground(scenario, violation);
  useSearch.setState({ phase: 'found', opened });
}

const fresh = (mode: SearchMode, leftOut: number, base: Scenario): Partial<SearchState> => ({
  noFaults: !FAULT_KEYS.some((k) => !AMBIENT.includes(k) && base.faults[k] > 0),
  mode,
  phase: 'searching',
  progress: null,
  figures: null,
  found: null,
  shrunk: null,
  opened: null,
  proof: null,
  error: null,
  leftOut,
});

/** Shrinks a failing run on one worker and opens the minimal run (the unshrunk one if shrinking is cancelled). */
async function shrinkAndOpen(found: FoundRun, spawn: Spawn): Promise<void> {
  useSearch.setState({ phase: 'shrinking', found });
  const job = runShrink(found, RULE, spawn);
  cancelCurrent = job.cancel;
  const shrunk = await job.done;
  cancelCurrent = null;
  const failure = await job.failed;
  if (failure) return void useSearch.setState({ phase: 'error', error: failure });
  // A cancelled shrink keeps the run as found: it still breaks the rule, so it is still worth opening.
  const minimal = shrunk ?? unshrunk(found);
  useSearch.setState({ shrunk });
  await openRun(minimal.scenario, minimal.violation);
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
  useSearch.setState(fresh('find', whatIfsLeftOut(current), base));
  const job = runChunked({
    total: budget,
    chunkSize: CHUNK,
    workers,
    spawn,
    now: () => performance.now(),
    message: (chunk, from, count) => ({ kind: 'search', chunk, scenario: base, from, count, rule: RULE }),
    onProgress: (progress) => useSearch.setState({ progress }),
  });
  cancelCurrent = job.cancel;
  const end = await job.done;
  cancelCurrent = null;
  const figures = { runs: end.runs, elapsedMs: end.elapsedMs, rate: end.elapsedMs > 0 ? (end.runs * 1000) / end.elapsedMs : 0, workers: end.workers, excused: end.excused };
  if (end.status === 'error') return void useSearch.setState({ phase: 'error', error: end.message, figures });
  if (end.status === 'cancelled') return void useSearch.setState({ phase: 'cancelled', figures });
  if (end.status === 'none') return void useSearch.setState({ phase: 'none', figures });
  useSearch.setState({ figures });
  await shrinkAndOpen(end.found, spawn);
}

/**
 * "Prove it": explores every schedule of up to K fault decisions for 1–3 orders of the
 * playground's design, split across the workers; a counterexample is shrunk and opened.
 */
export async function proveIt(spawn: Spawn = spawnWorker, workers = defaultWorkerCount()): Promise<void> {
  if (searchBusy()) return;
  const current = playground.getScenario();
  const { proveOrders, maxFaults } = useSearch.getState();
  const scenario = proveScenario(current, proveOrders);
  useSearch.setState(fresh('prove', whatIfsLeftOut(current), scenario));
  const job = runSliced({
    workers,
    spawn,
    now: () => performance.now(),
    message: (index, of) => ({ kind: 'explore', chunk: index, scenario, maxFaults, slice: { index, of }, rule: RULE }),
    onProgress: (progress) => useSearch.setState({ progress }),
  });
  cancelCurrent = job.cancel;
  const end = await job.done;
  cancelCurrent = null;
  const runs = end.status === 'done' ? end.result.schedules : end.status === 'cancelled' ? end.runs : 0;
  const figures = { runs, elapsedMs: end.elapsedMs, rate: end.elapsedMs > 0 ? (runs * 1000) / end.elapsedMs : 0, workers: end.workers, excused: end.status === 'done' ? end.result.excused : 0 };
  if (end.status === 'error') return void useSearch.setState({ phase: 'error', error: end.message, figures });
  if (end.status === 'cancelled') return void useSearch.setState({ phase: 'cancelled', figures });
  const proof = { result: end.result, bound: describeBound(scenario, end.result), scenario };
  useSearch.setState({ figures, proof });
  const f = end.result.found;
  if (!f) return void useSearch.setState({ phase: 'none' });
  await shrinkAndOpen({ runIndex: -1, scenario: f.scenario, violation: f.violation, violations: f.violations, inject: f.inject }, spawn);
}
