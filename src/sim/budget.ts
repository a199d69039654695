/**
 * The event budget: the most scheduler events one run may process. A run that would need more
 * is looping (a message retried every 10 ms with no dead-letter queue, a consumer that crashes
 * before every ack, over a long duration), not teaching anything new, and would otherwise keep
 * its whole trace in memory until the tab or the runner runs out of it.
 */
import type { StoppedEarly } from './types';

/**
 * Five million events. The heaviest settled run measured at the largest workload the controls
 * allow (20,000 orders, every fault at 0.3 with every remedy on) needs about 2.1 million, so the
 * budget leaves more than twice that; a trace this long holds roughly 1–2 GB.
 */
export const EVENT_BUDGET = 5_000_000;

/** The report's note for a run stopped by its budget, with the sentence learners read. */
export function budgetStop(atMs: number, events: number): StoppedEarly {
  return {
    reason: 'eventBudget',
    atMs,
    events,
    message: `This run was stopped after ${events.toLocaleString('en-US')} events (its event budget), at ${(atMs / 1000).toFixed(3)} s of virtual time: something kept happening over and over (for example a message retried forever), so what you see is the state at that moment, not a settled outcome.`,
  };
}
