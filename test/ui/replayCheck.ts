/** Shared check of the player tests: the run at the playhead is exactly a fresh replay. */
import { expect } from 'vitest';
import { Simulation } from '../../src/sim/engine';
import type { Scenario } from '../../src/sim/types';
import type { EngineController } from '../../src/ui/engineController';

/** A fresh replay of `s`, event by event, as far as `events` trace entries. */
function replayTo(s: Scenario, events: number): Simulation {
  const sim = new Simulation(s);
  while (sim.trace.length < events && sim.step()) {
    // step until the same boundary
  }
  return sim;
}

/** The controller's trace equals a fresh replay of its recorded scenario, and no job is running. */
export function expectReplayable(c: EngineController): void {
  const n = c.trace.length;
  const replay = replayTo(c.scenario, n);
  // A recorded change and the event after it can land in one step of the replay, so compare
  // the events up to the playhead, and the hash whenever the replay stopped at the same place.
  expect(replay.trace.length).toBeGreaterThanOrEqual(n);
  expect(JSON.stringify(replay.trace.slice(0, n))).toBe(JSON.stringify(c.trace));
  if (replay.trace.length === n) expect(replay.traceHash()).toBe(c.traceHash());
  expect(c.player.busy).toBe(false);
}
