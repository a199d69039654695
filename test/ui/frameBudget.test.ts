/**
 * The engine's share of a playing frame: the full budget in ordinary frames, a lean one in the
 * frame that carries a tick (the panels' re-render) and in the frame after it (the layout and paint
 * of what the tick changed), and a tick waits a frame when the frame's own work was already heavy.
 * Frames are driven by hand with a hand-set clock; the budgets are read where the player passes
 * them to `advanceFor`.
 */
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { parseScenario } from '../../src/sim/scenario';
import { Simulation } from '../../src/sim/engine';
import { EngineController } from '../../src/ui/engineController';
import { useUi } from '../../src/ui/store';
import { handFrames } from './handFrames';

// The player's slicing helper, wrapped: playing frames (finite targets) record their budget and
// move the hand-set clock by the engine time the test says the frame takes.
vi.mock('../../src/ui/slicing', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/ui/slicing')>();
  return {
    ...real,
    advanceFor: (...args: Parameters<typeof real.advanceFor>) => {
      // The live run's calls only: runs made in the background slice their work with it too.
      if (Number.isFinite(args[1]) && args[0] === liveSim?.()) {
        budgets.push(args[2]);
        hands.clock += engineMs;
      }
      return real.advanceFor(...args);
    },
  };
});

const hands = handFrames();
let liveSim: (() => unknown) | null = null;
/** Budgets passed to advanceFor for playing frames (finite targets), in order. */
let budgets: number[] = [];
/** Wall ms each playing frame's engine work "takes" (the hand-set clock moves by it). */
let engineMs = 0;

beforeEach(() => {
  budgets = [];
  engineMs = 0;
  liveSim = null;
});

const SCENARIO = parseScenario({ seed: 3, workload: { orders: 400, intervalMs: 22 }, faults: { duplicate: 0.05 } });

/** Plays `frames` frames 1/60 s apart; returns the controller and, per frame, whether a tick ran right after it. */
async function play(frames: number, heavyEvery = 0): Promise<{ c: EngineController; tickAfter: boolean[] }> {
  const c = new EngineController(SCENARIO);
  liveSim = () => c.player.run.sim;
  useUi.setState({ speed: 1 });
  let ticked = false;
  c.subscribeTick(() => {
    if (c.player.playing) ticked = true;
  });
  c.togglePlay();
  const tickAfter: boolean[] = [];
  for (let f = 0; f < frames && hands.waiting > 0; f++) {
    engineMs = heavyEvery > 0 && f % heavyEvery === heavyEvery - 1 ? 6 : 0;
    ticked = false;
    await hands.frame(1000 / 60);
    tickAfter.push(ticked);
  }
  c.togglePlay();
  return { c, tickAfter };
}

describe('engine budget of a playing frame', () => {
  test('lean in the frame that carries a tick and the one after it, full otherwise', async () => {
    const { tickAfter } = await play(240);
    expect(budgets.length).toBe(tickAfter.length);
    const tickFrames = tickAfter.flatMap((t, i) => (t ? [i] : []));
    expect(tickFrames.length).toBeGreaterThanOrEqual(3);
    const lean = new Set(tickFrames.flatMap((i) => [i, i + 1]));
    for (let i = 0; i < budgets.length; i++) {
      if (lean.has(i)) expect(budgets[i], `frame ${i}`).toBeLessThan(2);
      else expect(budgets[i], `frame ${i}`).toBe(5);
    }
  });

  test('a tick due in a heavy frame waits for a lighter one, and never past the 1.2 s cap', async () => {
    // Every third frame's engine work takes 6 ms: ticks land only after the light ones (50 frames
    // apart, they would otherwise fall on a heavy one every third tick).
    const { tickAfter } = await play(400, 3);
    const tickFrames = tickAfter.flatMap((t, i) => (t ? [i] : []));
    expect(tickFrames.length).toBeGreaterThanOrEqual(5);
    for (const i of tickFrames) expect(i % 3, `tick after frame ${i}`).not.toBe(2);
    const gaps = tickFrames.slice(1).map((f, k) => ((f - tickFrames[k]) * 1000) / 60);
    for (const g of gaps) expect(g).toBeLessThanOrEqual(1200 + 1000 / 60 + 1);
  });

  test('every frame heavy: the panels still tick within the cap', async () => {
    const { tickAfter } = await play(300, 1);
    const tickFrames = tickAfter.flatMap((t, i) => (t ? [i] : []));
    expect(tickFrames.length).toBeGreaterThanOrEqual(3);
    const gaps = tickFrames.slice(1).map((f, k) => ((f - tickFrames[k]) * 1000) / 60);
    for (const g of gaps) expect(g).toBeLessThanOrEqual(1200 + 2 * (1000 / 60) + 1);
  });

  test('the lean frames change how far each frame gets, never the run', async () => {
    const { c } = await play(240, 3);
    const live = c.player.run.sim;
    expect(live.eventsProcessed).toBeGreaterThan(100);
    // The same number of events, one at a time in Node: the same trace.
    const sim = new Simulation(SCENARIO);
    while (sim.eventsProcessed < live.eventsProcessed && sim.step()) {}
    expect(sim.eventsProcessed).toBe(live.eventsProcessed);
    expect(live.traceHash()).toBe(sim.traceHash());
  });
});
