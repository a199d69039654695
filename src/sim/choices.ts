/**
 * One choice source for every random decision of a run, in the manner of Hypothesis's choice
 * sequences. In a normal run there is none: the seeded streams (prng.ts) answer on their own.
 * When a search attaches a source, every draw of every stream passes through it, so a run can be
 * recorded as plain data, replayed from an edited (even shorter) sequence, or steered so that
 * exactly the chosen fault decisions happen.
 */
import type { Faults } from './types';

/** The engine's random streams, one per purpose, in the order the engine creates them. */
export const STREAMS = ['workload', 'bus', 'provider', 'skew', 'services', 'reconciler'] as const;
/** One random stream. */
export type StreamName = (typeof STREAMS)[number];

/** One decision's value: a boolean for a yes/no decision (a fault, a cancel), a number in [0, 1) for a draw. */
export type ChoiceValue = boolean | number;

/** A run's decisions, per stream in the order that stream made them. Plain data (files, links, workers). */
export type ChoiceSequence = Partial<Record<StreamName, ChoiceValue[]>>;

/**
 * Which fault a yes/no decision of a stream can be, in the order the engine asks. A decision is
 * named by the fault whose probability it was asked with; the others (a cancellation) are workload.
 */
const FAULTS_OF: Record<StreamName, readonly (keyof Faults)[]> = {
  workload: ['clientRetry'],
  bus: ['drop', 'reorder', 'duplicate'],
  provider: ['paymentTimeout'],
  skew: [],
  services: ['poison', 'crashAfterCommit', 'crashBeforeAck'],
  reconciler: ['drop'],
};

/** Every fault that is a yes/no decision (the ones exhaustive search enumerates and shrinking turns off). */
export const DECISION_FAULTS: readonly (keyof Faults)[] = ['drop', 'duplicate', 'reorder', 'crashAfterCommit', 'crashBeforeAck', 'paymentTimeout', 'clientRetry', 'poison'];

/** What a source reads the faults in force from (the Simulation). */
export interface FaultsHost {
  controls(): { faults: Faults };
}

/** A yes/no decision as it was made in a run. */
export interface Decision {
  stream: StreamName;
  /** Its place in its stream's sequence. */
  index: number;
  /** The fault it decides, or null for a workload decision (a cancellation). */
  fault: keyof Faults | null;
  /** The probability it was asked with. */
  p: number;
  value: boolean;
}

/** How a source answers. */
export type ChoiceMode =
  /** The seeded streams' own values, recorded. */
  | { kind: 'record' }
  /**
   * The given values, stream by stream; where a stream's list has run out, or its next value is
   * of the other kind (a boolean where a draw is asked, or the reverse), the simple value: no
   * (no fault, no cancel) or 0 (the lowest delay, jitter, skew).
   */
  | { kind: 'replay'; choices: ChoiceSequence }
  /**
   * Fault decisions are numbered in the order the run makes them; exactly those listed say yes,
   * every other says no. Everything else (draws, workload decisions) is the seeded streams' own.
   */
  | { kind: 'inject'; at: readonly number[] };

/** Plain-data state of a source, so a checkpoint can copy it. */
export interface ChoiceState {
  mode: ChoiceMode;
  recorded: Record<StreamName, ChoiceValue[]>;
  decisions: Decision[];
  faultDecisions: number;
  misfits: number;
}

function emptyStreams(): Record<StreamName, ChoiceValue[]> {
  return { workload: [], bus: [], provider: [], skew: [], services: [], reconciler: [] };
}

/**
 * A choice source for one run. The engine hands it to every stream it creates; after the run,
 * `recorded()` is the run's whole sequence (replaying it gives the same run) and `decisions()`
 * lists its yes/no decisions with the fault each one is.
 */
export class ChoiceSource {
  private st: ChoiceState;
  /** Where the faults in force are read (the simulation): an object, not a closure, so checkpoints can copy the source. */
  private host: FaultsHost | null = null;
  private injectAt: ReadonlySet<number> = new Set();

  constructor(mode: ChoiceMode) {
    this.st = { mode, recorded: emptyStreams(), decisions: [], faultDecisions: 0, misfits: 0 };
    if (mode.kind === 'inject') this.injectAt = new Set(mode.at);
  }

  /** The engine tells the source where to read the faults in force (they can change during a run), to name decisions. */
  bind(host: FaultsHost): void {
    this.host = host;
  }

  /** A yes/no decision asked with probability p (0 < p < 1) of stream `s`; `seeded` is the stream's own answer. */
  chance(s: number, p: number, seeded: boolean): boolean {
    const stream = STREAMS[s];
    const rec = this.st.recorded[stream];
    const index = rec.length;
    const fault = this.faultOf(stream, p);
    let value = seeded;
    const mode = this.st.mode;
    if (mode.kind === 'replay') {
      const given = mode.choices[stream]?.[index];
      if (typeof given === 'boolean') value = given;
      else {
        value = false;
        if (given !== undefined) this.st.misfits++;
      }
    } else if (mode.kind === 'inject' && fault !== null) value = this.injectAt.has(this.st.faultDecisions);
    if (fault !== null) this.st.faultDecisions++;
    rec.push(value);
    this.st.decisions.push({ stream, index, fault, p, value });
    return value;
  }

  /** A draw in [0, 1) of stream `s`; `seeded` is the stream's own value. */
  float(s: number, seeded: number): number {
    const stream = STREAMS[s];
    const rec = this.st.recorded[stream];
    let value = seeded;
    const mode = this.st.mode;
    if (mode.kind === 'replay') {
      const given = mode.choices[stream]?.[rec.length];
      if (typeof given === 'number') value = given;
      else {
        value = 0;
        if (given !== undefined) this.st.misfits++;
      }
    }
    rec.push(value);
    return value;
  }

  private faultOf(stream: StreamName, p: number): keyof Faults | null {
    if (this.host === null) return null;
    const f = this.host.controls().faults;
    for (const k of FAULTS_OF[stream]) if (f[k] === p) return k;
    return null;
  }

  /** The run's decisions so far, per stream: replaying them gives the same run. */
  recorded(): ChoiceSequence {
    const out: ChoiceSequence = {};
    for (const s of STREAMS) if (this.st.recorded[s].length) out[s] = [...this.st.recorded[s]];
    return out;
  }

  /** Every yes/no decision so far, in the order made. */
  decisions(): readonly Decision[] {
    return this.st.decisions;
  }

  /** How many fault decisions the run has made (the numbering `inject` uses). */
  get faultDecisions(): number {
    return this.st.faultDecisions;
  }

  /** Replayed values that did not fit the decision asked (a boolean for a draw or the reverse). */
  get misfits(): number {
    return this.st.misfits;
  }

  /** Replayed values never asked for (the run made fewer decisions than were recorded). */
  get unused(): number {
    const mode = this.st.mode;
    if (mode.kind !== 'replay') return 0;
    let n = 0;
    for (const s of STREAMS) n += Math.max(0, (mode.choices[s]?.length ?? 0) - this.st.recorded[s].length);
    return n;
  }

  /** A plain-data copy of the state (for checkpoints). */
  snapshot(): ChoiceState {
    return structuredClone(this.st);
  }

  /** Continues from a copy made by `snapshot()`. */
  restore(state: ChoiceState): void {
    this.st = structuredClone(state);
    this.injectAt = this.st.mode.kind === 'inject' ? new Set(this.st.mode.at) : new Set();
  }
}

/** Drops trailing simple values (no, 0), which a replay would supply anyway. */
export function trimChoices(c: ChoiceSequence): ChoiceSequence {
  const out: ChoiceSequence = {};
  for (const s of STREAMS) {
    const v = c[s];
    if (!v) continue;
    let n = v.length;
    while (n > 0 && (v[n - 1] === false || v[n - 1] === 0)) n--;
    if (n) out[s] = v.slice(0, n);
  }
  return out;
}
