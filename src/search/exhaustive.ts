/**
 * Exhaustive exploration for small designs: every schedule of at most K fault decisions.
 *
 * A schedule says which fault decisions of a run say yes; every other says no. The run without
 * faults makes some fault decisions (a drop check per publish, a crash check per commit, …);
 * saying yes to decision j changes the run after j, so the schedules with a second fault are the
 * decisions that changed run makes after j — and so on up to K. Counting decisions in the order
 * a run makes them, each schedule is a rising list of decision numbers, met exactly once.
 * Timing (latency, jitter, backoff, skew) and workload decisions come from the scenario's seed.
 * Schedules are tried fewest faults first, so the first counterexample has the fewest faults.
 */
import { ChoiceSource, DECISION_FAULTS, trimChoices } from '../sim/choices';
import type { Faults, Scenario } from '../sim/types';
import { type FailureRule, judge } from './judge';
import type { Counterexample, SearchProgress } from './random';

/** Options for `explore`. */
export interface ExploreOptions {
  /** Most faults in one schedule (K). */
  maxFaults: number;
  /** The fault kinds to inject (default: the scenario's yes/no faults that are on; all of them if none is). */
  faults?: readonly (keyof Faults)[];
  rule?: FailureRule;
  /** This call's share when split across workers: schedules whose first fault is decision j with j % of === index (the fault-free run belongs to index 0). */
  slice?: { index: number; of: number };
  /** Stop after this many schedules (default 1,000,000): the result then says it is incomplete. */
  maxSchedules?: number;
  onProgress?: (p: SearchProgress & { level: number }) => void;
  progressEvery?: number;
  shouldStop?: () => boolean;
}

/** An exhaustive counterexample: the schedule, and its run as a recorded choice sequence. */
export interface ScheduleCounterexample extends Counterexample {
  /** The fault decisions (by number) that said yes. */
  inject: number[];
}

/** What an exploration found. */
export interface ExploreResult {
  /** Schedules run. */
  schedules: number;
  found: ScheduleCounterexample | null;
  /** Every schedule within the bound was run (no counterexample, no cap, no cancel). */
  complete: boolean;
  cancelled: boolean;
  /** Fault decisions in the fault-free run. */
  baseDecisions: number;
  faults: (keyof Faults)[];
  maxFaults: number;
  /** Schedules whose broken rules were all excused as visible, not healed. */
  excused: number;
}

/** The fault kinds an exploration injects. */
export function faultsToExplore(s: Scenario, asked?: readonly (keyof Faults)[]): (keyof Faults)[] {
  if (asked?.length) return DECISION_FAULTS.filter((k) => asked.includes(k));
  const on = DECISION_FAULTS.filter((k) => s.faults[k] > 0);
  return on.length ? on : [...DECISION_FAULTS];
}

/**
 * The scenario an exploration runs: each explored fault at its own rate strictly between 0 and 1
 * (the rate no longer matters, the schedule decides, but a rate of 0 or 1 asks no question and
 * distinct rates name each decision), every other yes/no fault off.
 */
export function exploredScenario(s: Scenario, faults: readonly (keyof Faults)[]): Scenario {
  const f = { ...s.faults };
  DECISION_FAULTS.forEach((k, i) => {
    f[k] = faults.includes(k) ? (50 + i) / 100 : 0;
  });
  // A cancellation asked at the same rate as the client-retry fault would be taken for it.
  if (faults.includes('clientRetry') && s.workload.cancelRatio === f.clientRetry) f.clientRetry = 0.49;
  const { choices: _none, ...rest } = s;
  // The schedule decides the yes/no faults: a recorded change of one's rate would only rename its decisions.
  const changes = s.changes.filter((c) => !(c.path !== undefined && DECISION_FAULTS.some((k) => c.path === `faults.${k}`)));
  return { ...rest, faults: f, changes };
}

interface Node {
  inject: number[];
  decisions: number;
}

/** Explores every schedule of at most `maxFaults` fault decisions (this call's slice of them). */
export function explore(scenario: Scenario, opts: ExploreOptions): ExploreResult {
  const faults = faultsToExplore(scenario, opts.faults);
  const s = exploredScenario(scenario, faults);
  const slice = opts.slice ?? { index: 0, of: 1 };
  const cap = opts.maxSchedules ?? 1_000_000;
  const every = Math.max(1, opts.progressEvery ?? 10);
  const out: ExploreResult = { schedules: 0, found: null, complete: false, cancelled: false, baseDecisions: 0, faults, maxFaults: opts.maxFaults, excused: 0 };

  const runOne = (inject: number[]): Node | 'stop' => {
    const src = new ChoiceSource({ kind: 'inject', at: inject });
    const j = judge(s, opts.rule, src);
    out.schedules++;
    if (j.excused.length && !j.violations.length) out.excused++;
    if (j.violations.length) {
      out.found = { run: -1, inject, scenario: { ...s, choices: trimChoices(src.recorded()) }, violation: j.violations[0], violations: j.violations };
      return 'stop';
    }
    return { inject, decisions: src.faultDecisions };
  };

  // The fault-free run: every slice needs its decision count, only slice 0 counts it.
  const base = runOne([]);
  if (base === 'stop') {
    if (slice.index !== 0) out.found = null;
    out.schedules = slice.index === 0 ? 1 : 0;
    return out;
  }
  if (slice.index !== 0) out.schedules = 0;
  out.baseDecisions = base.decisions;
  let level: Node[] = [base];
  for (let k = 1; k <= opts.maxFaults; k++) {
    const next: Node[] = [];
    let total = 0;
    for (const n of level) total += n.decisions - (n.inject.length ? n.inject[n.inject.length - 1] + 1 : 0);
    let done = 0;
    for (const n of level) {
      const after = n.inject.length ? n.inject[n.inject.length - 1] + 1 : 0;
      for (let j = after; j < n.decisions; j++) {
        const first = n.inject.length ? n.inject[0] : j;
        if (first % slice.of !== slice.index) continue;
        if (opts.shouldStop?.()) {
          out.cancelled = true;
          return out;
        }
        if (out.schedules >= cap) return out;
        const r = runOne([...n.inject, j]);
        if (r === 'stop') return out;
        if (k < opts.maxFaults) next.push(r);
        done++;
        if (done % every === 0) opts.onProgress?.({ runs: out.schedules, total: Math.ceil(total / slice.of), level: k });
      }
    }
    level = next;
  }
  out.complete = true;
  opts.onProgress?.({ runs: out.schedules, total: out.schedules, level: opts.maxFaults });
  return out;
}

/** Combines the results of the slices of one exploration (the first counterexample by fewest faults, then lowest decision numbers). */
export function mergeExplorations(parts: readonly ExploreResult[]): ExploreResult {
  const found = parts
    .map((p) => p.found)
    .filter((f): f is ScheduleCounterexample => f !== null)
    .sort((a, b) => a.inject.length - b.inject.length || cmp(a.inject, b.inject))[0];
  const p0 = parts[0];
  return {
    schedules: parts.reduce((n, p) => n + p.schedules, 0),
    found: found ?? null,
    complete: parts.every((p) => p.complete),
    cancelled: parts.some((p) => p.cancelled),
    baseDecisions: Math.max(...parts.map((p) => p.baseDecisions)),
    faults: p0.faults,
    maxFaults: p0.maxFaults,
    excused: parts.reduce((n, p) => n + p.excused, 0),
  };
}

function cmp(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** What a result means, in plain words (for the CLI and the "Prove it" panel). */
export function describeBound(s: Scenario, r: ExploreResult): string {
  const kinds = r.faults.join(', ');
  const scope =
    `${s.workload.orders} order${s.workload.orders === 1 ? '' : 's'}, these remedies, the timing of seed ${s.seed}, ` +
    `and up to ${r.maxFaults} of the fault decisions (${kinds}) the run makes going wrong — ` +
    `the fault-free run makes ${r.baseDecisions} such decisions, and each fault can open new ones`;
  const limits =
    `It says nothing about more than ${r.maxFaults} faults, other seeds' timing, more orders, or faults that are not yes/no decisions ` +
    `(latency, jitter, clock skew and the race window stay at the scenario's values).`;
  if (r.found) return `Counterexample after ${r.schedules} schedules, with ${r.found.inject.length} fault${r.found.inject.length === 1 ? '' : 's'}: ${r.found.violation.sentence} Explored: ${scope}.`;
  if (!r.complete) return `Stopped after ${r.schedules} schedules without a violation: not a proof. Bound: ${scope}.`;
  return `No violation in all ${r.schedules} schedules of ${scope}. ${limits}`;
}
