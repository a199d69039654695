/**
 * Shrinking a failing run to a minimal one that breaks the same rule. First the scenario, with
 * seeded runs: fewer orders, faults off or weaker, fewer changes, less stock. Then the run's own
 * choice sequence, recorded and replayed: faults whose every decision said no are switched off,
 * fewer orders are tried again, each fault decision that said yes is turned to no, and the draws
 * are set to their simple values. What is left is a scenario file with its recorded choices,
 * which replays to the same broken rule wherever it runs.
 */
import type { InvariantId, Violation } from '../sim/checker';
import { ChoiceSource, type ChoiceSequence, type Decision, DECISION_FAULTS, STREAMS, type StreamName, trimChoices } from '../sim/choices';
import { DEFAULT_SCENARIO } from '../sim/scenario';
import type { Faults, Scenario } from '../sim/types';
import { breaks, type FailureRule, type Judged, judge } from './judge';
import type { Counterexample } from './random';
import { compactScenario } from './scenarioFile';
import { seedFor } from './seeds';
import { greedy, simplerScenarios } from './simplify';

/** A fault decision that said yes in the minimal run. */
export interface FaultDecision {
  fault: keyof Faults;
  stream: StreamName;
  /** Its place in its stream's recorded sequence. */
  index: number;
}

/** Options for `shrink`. */
export interface ShrinkOptions {
  rule?: FailureRule;
  /** The broken rule to keep (default: any the run broke; once the scenario is small, the first of them it still breaks). */
  invariant?: InvariantId;
  /** Most runs to spend (default 400). */
  budget?: number;
  onProgress?: (p: { runs: number; phase: 'scenario' | 'choices' }) => void;
  shouldStop?: () => boolean;
}

/** A minimal failing run. */
export interface ShrinkResult {
  /** The minimal scenario, with its recorded choices. */
  scenario: Scenario;
  /** The same as a small file (only what differs from the defaults): `npm run sim` replays it. */
  file: Record<string, unknown>;
  /** The broken rule it shows: one the run it started from broke too. */
  violation: Violation;
  /** The fault decisions that say yes in it. */
  faultDecisions: FaultDecision[];
  /** Runs the shrink made. */
  runs: number;
}

interface Replayed {
  choices: ChoiceSequence;
  decisions: readonly Decision[];
  violation: Violation;
}

/** Shrinks a counterexample (from `randomSearch` or `explore`), keeping a rule it broke (see `ShrinkOptions.invariant`). */
export function shrink(c: Pick<Counterexample, 'scenario' | 'violation'> & { violations?: Violation[] }, opts: ShrinkOptions = {}): ShrinkResult {
  // The rules a smaller run may keep: the one asked for, or any the run broke (a failure often
  // breaks several rules, and the rarest of them need not be the first the checker names).
  const targets = new Set(opts.invariant ? [opts.invariant] : (c.violations ?? [c.violation]).map((v) => v.invariant));
  const kept = (j: Judged) => j.violations.find((v) => targets.has(v.invariant));
  const budget = opts.budget ?? 400;
  let runs = 0;
  const tick = (phase: 'scenario' | 'choices') => {
    runs++;
    if (runs % 10 === 0) opts.onProgress?.({ runs, phase });
  };

  // Phase 1: the scenario, with seeded runs (skipped for a run that is already a choice sequence).
  let start = c.scenario;
  if (!start.choices) {
    const r = greedy(
      start,
      scenarioCandidates,
      (s) => {
        tick('scenario');
        return kept(judge(s, opts.rule)) !== undefined;
      },
      Math.floor(budget / 2),
      opts.shouldStop,
    );
    start = r.value;
  }

  // Phase 2: the choice sequence. Every candidate that holds is kept as the sequence its run
  // actually used, so the next edits act on what really happened.
  const seen = new Map<Scenario, Replayed>();
  const replay = (s: Scenario): Replayed | null => {
    const src = new ChoiceSource({ kind: 'replay', choices: s.choices ?? {} });
    const j = judge(s, opts.rule, src);
    const v = breaks(j, invariant);
    return v ? { choices: trimChoices(src.recorded()), decisions: src.decisions(), violation: v } : null;
  };
  // Recording the run gives the sequence that replays to it exactly (a run that already is a
  // sequence records itself again, trimmed); from here on one rule is kept: the first of the
  // targets this run breaks.
  const rec = new ChoiceSource(start.choices ? { kind: 'replay', choices: start.choices } : { kind: 'record' });
  const firstKept = kept(judge(start, opts.rule, rec));
  runs++;
  const invariant = firstKept?.invariant ?? c.violation.invariant;
  const initial: Scenario = { ...start, choices: trimChoices(rec.recorded()) };
  const initialReplay = replay(initial);
  runs++;
  // Cannot happen with a deterministic engine; if it ever does, the unshrunk run is the answer.
  if (!initialReplay) return finish(start, c.violation, [], runs);
  seen.set(initial, initialReplay);

  const candidates = (s: Scenario): Scenario[] => {
    const r = seen.get(s)!;
    const out: Scenario[] = [];
    const used = new Set(r.decisions.filter((d) => d.fault !== null && d.value).map((d) => d.fault));
    // A fault whose every decision said no goes off, and its decisions leave the sequence with
    // it, so every other decision keeps its place.
    const ch = s.choices ?? {};
    for (const k of DECISION_FAULTS) {
      if (s.faults[k] === DEFAULT_SCENARIO.faults[k] || used.has(k)) continue;
      const gone = new Set(r.decisions.filter((d) => d.fault === k).map((d) => `${d.stream}:${d.index}`));
      const kept: ChoiceSequence = {};
      for (const st of STREAMS) if (ch[st]) kept[st] = ch[st].filter((_x, i) => !gone.has(`${st}:${i}`));
      out.push({ ...s, faults: { ...s.faults, [k]: DEFAULT_SCENARIO.faults[k] }, choices: kept });
    }
    // Fewer orders and the other scenario simplifications, except re-weighting a fault whose
    // decisions the sequence makes anyway.
    for (const n of simplerScenarios(s, { stock: false })) {
      const reweights = DECISION_FAULTS.some((k) => n.faults[k] !== s.faults[k] && n.faults[k] !== DEFAULT_SCENARIO.faults[k]);
      if (!reweights) out.push(n);
    }
    // Yes decisions turned to no in chunks, halving the chunk (as delta debugging does), the
    // latest chunk first: later faults are often only consequences of earlier ones.
    const yes = r.decisions.filter((d) => d.value);
    for (let size = Math.ceil(yes.length / 2); size >= 1; size = size === 1 ? 0 : Math.ceil(size / 2)) {
      for (let end = yes.length; end > 0; end -= size) {
        const edited: ChoiceSequence = { ...ch };
        for (const d of yes.slice(Math.max(0, end - size), end)) {
          const list = [...(edited[d.stream] ?? [])];
          if (d.index < list.length) list[d.index] = false;
          edited[d.stream] = list;
        }
        out.push({ ...s, choices: edited });
      }
    }
    // A yes often draws once more right after (a held-up message draws how long): turned to no,
    // that draw is not made, and every later value of the stream would land one place early.
    // So each single yes is also tried with the draw after it removed.
    for (let i = yes.length - 1; i >= 0; i--) {
      const d = yes[i];
      const list = ch[d.stream] ?? [];
      if (typeof list[d.index + 1] !== 'number') continue;
      out.push({ ...s, choices: { ...ch, [d.stream]: [...list.slice(0, d.index), false, ...list.slice(d.index + 2)] } });
    }
    // Every draw at its simple value (no jitter, the shortest backoff, the earliest skew).
    const simple: ChoiceSequence = {};
    let changed = false;
    for (const st of STREAMS) {
      const l = ch[st];
      if (!l) continue;
      if (l.some((x) => typeof x === 'number' && x !== 0)) changed = true;
      simple[st] = l.map((x) => (typeof x === 'number' ? 0 : x));
    }
    if (changed) out.push({ ...s, choices: simple });
    return out;
  };
  const r = greedy(
    initial,
    candidates,
    (s) => {
      tick('choices');
      const got = replay(s);
      if (!got) return false;
      s.choices = got.choices;
      seen.set(s, got);
      return true;
    },
    Math.max(0, budget - runs),
    opts.shouldStop,
  );
  const final = seen.get(r.value)!;
  const faults = final.decisions.filter((d) => d.fault !== null && d.value).map((d) => ({ fault: d.fault as keyof Faults, stream: d.stream, index: d.index }));
  return finish(r.value, final.violation, faults, runs);
}

/**
 * Phase 1's candidates: the scenario simplifications, where each smaller workload is also tried
 * under a few other seeds — with fewer orders the old seed's faults land elsewhere, and the
 * failure usually needs only one of them to land right.
 */
function scenarioCandidates(s: Scenario): Scenario[] {
  const out: Scenario[] = [];
  for (const n of simplerScenarios(s, { stock: false })) {
    out.push(n);
    if (n.workload.orders < s.workload.orders) for (let k = 0; k < RESEEDS; k++) out.push({ ...n, seed: seedFor(s.seed, k) });
  }
  return out;
}

/** Other seeds tried for each smaller workload. */
const RESEEDS = 4;

function finish(s: Scenario, violation: Violation, faultDecisions: FaultDecision[], runs: number): ShrinkResult {
  const scenario: Scenario = { ...s, name: `search: ${violation.invariant} (seed ${s.seed}, shrunk)` };
  return { scenario, file: compactScenario(scenario), violation, faultDecisions, runs };
}
