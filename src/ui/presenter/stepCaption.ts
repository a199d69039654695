/**
 * What the caption says: the sentence for the events the last move of the playhead added, or
 * after a jump back, for the events at the playhead. Reads the engine; holds no React.
 */
import type { TraceEvent } from '../../sim/types';
import type { MessageLookup } from '../narration';
import { narrateStep, newsworthiness, summariseStretch } from '../narration';

/** A move that adds more events than this (a seek, a run to the end) is summed up, not told event by event. */
export const JUMP_EVENTS = 20;

/** Remembers where the trace was, so each call narrates only what is new. */
export class StepNarrator {
  private trace: readonly TraceEvent[] | null = null;
  private seen = 0;

  /**
   * The sentence for what changed since the last call, or null when nothing did. While playing,
   * `minWeight` keeps routine traffic (publishes, acks) from flickering through the caption.
   */
  next(trace: readonly TraceEvent[], messages: MessageLookup, minWeight = 0): string | null {
    let batch: readonly TraceEvent[];
    if (trace === this.trace && trace.length >= this.seen) {
      batch = trace.slice(this.seen);
    } else {
      // A different run (a rewind replays into a fresh one): tell what happened at the playhead.
      const last = trace.length > 0 ? trace[trace.length - 1].t : null;
      let from = trace.length;
      while (last !== null && from > 0 && trace[from - 1].t === last) from--;
      batch = trace.slice(from);
    }
    this.trace = trace;
    this.seen = trace.length;
    if (batch.length === 0) return null;
    if (minWeight > 0 && !batch.some((e) => newsworthiness(e) >= minWeight)) return null;
    if (batch.length > JUMP_EVENTS) {
      // One event out of hundreds, stamped with the time the jump landed on, would mislead.
      const digest = summariseStretch(batch);
      return `Over ${batch.length.toLocaleString('en-US')} events: ${digest ? `${digest.charAt(0).toLowerCase()}${digest.slice(1)}` : 'nothing went wrong and no order finished.'}`;
    }
    return narrateStep(batch, messages);
  }
}
