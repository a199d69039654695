/**
 * What the screen-reader live region says, and when. Stepping or seeking announces what the move
 * did at once; while playing, a digest at most every few seconds (crashes, losses, alerts, order
 * outcomes), so a listener is told what matters without a flood; the end of a run announces the
 * outcome. Pure apart from the clock it is handed, so it is tested in Node.
 */
import type { Alert } from '../../sim/alerts';
import { VISIBLE_NOT_HEALED } from '../../sim/catalog';
import type { Report, TraceEvent } from '../../sim/types';
import { type MessageLookup, narrateStep, summariseStretch } from '../narration';
import { BUCKET_LABEL, type Bucket, bucketCounts } from '../outcomes';

/** While playing, at most one announcement per this many wall-clock ms. */
export const PLAYING_INTERVAL_MS = 4000;

/** A jump that adds more events than this is summed up rather than told event by event. */
const STEP_LIMIT = 20;

/** What the narrator reads on every tick. */
export interface LiveInput {
  trace: readonly TraceEvent[];
  messages: MessageLookup;
  alerts: readonly Alert[];
  playing: boolean;
  done: boolean;
  /** Only read when `done` first turns true. */
  report: () => Report;
  /** Wall-clock ms (performance.now()). */
  wallMs: number;
}

/** The outcome of a finished run in one sentence. */
export function outcomeSentence(r: Report): string {
  const b = bucketCounts(r);
  const parts = (['ok', 'cancelled', 'review', 'pending'] as Bucket[]).filter((k) => b[k] > 0).map((k) => `${b[k]} ${BUCKET_LABEL[k]}`);
  const n = r.anomalyList.length;
  const visible = r.anomalyList.filter((a) => VISIBLE_NOT_HEALED.has(a.kind)).length;
  const anomalies =
    n === 0
      ? b.review > 0
        ? 'no anomalies, but orders in manual review need a person'
        : 'no anomalies'
      : visible === n
        ? `${n} visible, not healed: orders in manual review need a person`
        : `${n} ${n === 1 ? 'anomaly' : 'anomalies'}${visible > 0 ? `, ${visible} of them visible, not healed` : ''}`;
  return `The run ended with ${r.orders.length} orders: ${parts.join(', ') || 'none placed'}; ${anomalies}.`;
}

/** See the module comment. One per live region. */
export class LiveNarrator {
  private trace: readonly TraceEvent[] | null = null;
  private seen = 0;
  /**
   * Where the events not yet told begin in `trace` (null: none). They are always the trace from
   * there to the end, so an index is kept rather than a copy of every event a tick brings.
   */
  private pendingFrom: number | null = null;
  private lastSaidAt = Number.NEGATIVE_INFINITY;
  private alertsSeen = new Set<string>();
  private newAlerts: Alert[] = [];
  private wasDone = false;

  /** Feeds one tick; returns the sentence to announce now, or null to stay quiet. */
  tick(input: LiveInput): string | null {
    const { trace } = input;
    let batchFrom: number;
    if (trace === this.trace && trace.length >= this.seen) batchFrom = this.seen;
    else {
      // A rewind replays into a fresh run: what is at the playhead now is what to tell.
      const last = trace.length > 0 ? trace[trace.length - 1].t : null;
      let from = trace.length;
      while (last !== null && from > 0 && trace[from - 1].t === last) from--;
      batchFrom = from;
      this.pendingFrom = null;
      this.wasDone = false;
    }
    this.trace = trace;
    this.seen = trace.length;
    for (const a of input.alerts) {
      if (this.alertsSeen.has(a.id)) continue;
      this.alertsSeen.add(a.id);
      this.newAlerts.push(a);
    }

    if (input.done && !this.wasDone) {
      this.wasDone = true;
      this.pendingFrom = null;
      this.newAlerts = [];
      this.lastSaidAt = input.wallMs;
      return outcomeSentence(input.report());
    }
    this.wasDone = input.done;

    // Untold events from earlier ticks come first; they and this batch run to the trace's end.
    const from = this.pendingFrom ?? batchFrom;
    if (input.playing) {
      this.pendingFrom = from;
      if (input.wallMs - this.lastSaidAt < PLAYING_INTERVAL_MS) return null;
      const text = summariseStretch(trace.slice(from), this.newAlerts);
      this.pendingFrom = null;
      this.newAlerts = [];
      if (text) this.lastSaidAt = input.wallMs;
      return text;
    }

    // Paused: a step or a seek. Tell it now, with whatever playing left unsaid.
    const events = trace.slice(from);
    const alerts = this.newAlerts;
    this.pendingFrom = null;
    this.newAlerts = [];
    if (events.length === 0 && alerts.length === 0) return null;
    this.lastSaidAt = input.wallMs;
    if (events.length > STEP_LIMIT || alerts.length > 0) return summariseStretch(events, alerts) ?? narrateStep(events.slice(-1), input.messages);
    return narrateStep(events, input.messages);
  }
}
