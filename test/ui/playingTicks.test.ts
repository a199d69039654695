/**
 * While playing, panels re-render on ticks, not on every frame. Two rules pull against each
 * other: ticks far enough apart in frames that their slow frames stay under one in twenty, yet
 * never so far apart in time that the panels fall behind the moving dots (on a slow projector
 * laptop 50 frames took over 3 s, and the headline still said "no orders yet" while orders flew).
 * Frames are driven by hand here, with a hand-set clock, at a fast and a slow frame rate.
 */
import { describe, expect, test } from 'vitest';
import { parseScenario } from '../../src/sim/scenario';
import { EngineController } from '../../src/ui/engineController';
import { useUi } from '../../src/ui/store';
import { handFrames } from './handFrames';

const hands = handFrames();

/** Plays `seconds` of wall time at one frame every `frameMs`; returns the wall times of the ticks while playing. */
async function play(frameMs: number, seconds: number): Promise<number[]> {
  const c = new EngineController(parseScenario({ seed: 3, workload: { orders: 400, intervalMs: 22 }, faults: { duplicate: 0.05 } }));
  useUi.setState({ speed: 1 });
  const ticks: number[] = [];
  c.subscribeTick(() => {
    if (c.player.playing) ticks.push(hands.clock);
  });
  c.togglePlay();
  const start = hands.clock;
  while (hands.clock - start < seconds * 1000 && hands.waiting > 0) await hands.frame(frameMs);
  expect(c.player.playing).toBe(true);
  expect(c.now).toBeGreaterThan(0);
  c.togglePlay();
  return [start, ...ticks];
}

function gaps(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i]);
}

describe('panel ticks while playing', () => {
  test('at 60 frames a second, ticks are many frames apart (their slow frames stay rare)', async () => {
    const times = await play(1000 / 60, 6);
    const g = gaps(times.slice(1));
    expect(g.length).toBeGreaterThan(3);
    // At least 50 frames apart, and never more than the 1.2 s cap (plus the frame that noticed).
    for (const d of g) expect(d).toBeGreaterThanOrEqual(50 * (1000 / 60) - 1);
    for (const d of g) expect(d).toBeLessThanOrEqual(1200 + 1000 / 60 + 1);
  });

  test('at 15 frames a second, panels still catch up at least every 1.2 s', async () => {
    const frame = 1000 / 15;
    const times = await play(frame, 6);
    const g = gaps(times);
    expect(g.length).toBeGreaterThan(4);
    for (const d of g) expect(d).toBeLessThanOrEqual(1200 + frame + 1);
  });
});
