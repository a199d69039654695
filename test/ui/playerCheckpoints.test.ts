/**
 * The player with its checkpoints in place: random steps forward and back, seeks anywhere,
 * bursts of playing at any speed, cancelled seeks and control changes. After each action the
 * run at the playhead must be exactly a fresh replay of the recorded scenario (same events,
 * same hash), seeks must start from checkpoints, and checkpoints must never be used up.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Simulation } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';
import { EngineController } from '../../src/ui/engineController';
import { useUi } from '../../src/ui/store';
import type { TraceEvent } from '../../src/sim/types';
import { TraceIndex } from '../../src/ui/traceIndex';
import { expectReplayable as expectReplayableRun } from './replayCheck';

/** A fresh replay's check, plus: the index the panels read covers exactly the trace at the playhead. */
function expectReplayable(c: EngineController): void {
  expectReplayableRun(c);
  expect(c.index.size).toBe(c.trace.length);
}

/**
 * Counts through a method of a prototype until `restore()`: each call first adds `amount(self, arg)`
 * (what it is about to do) to `n`.
 */
function countThrough<S, A>(proto: S, name: keyof S, amount: (self: S, arg: A) => number): { n: number; restore: () => void } {
  const original = proto[name] as (this: S, arg: A) => unknown;
  const counter = {
    n: 0,
    restore: () => {
      proto[name] = original as S[keyof S];
    },
  };
  proto[name] = function (this: S, arg: A) {
    counter.n += amount(this, arg);
    return original.call(this, arg);
  } as S[keyof S];
  return counter;
}

/** Counts every simulation step (in any run) until `restore()`: how much a seek or step replayed. */
const countSteps = () => countThrough(Simulation.prototype, 'step', () => 1);

/** Counts the events any index syncs until `restore()`: how much indexing a seek did. */
const countIndexed = () => countThrough(TraceIndex.prototype, 'sync', (ix, trace: readonly TraceEvent[]) => Math.max(0, trace.length - ix.size));

/** Waits (up to `tries` × 10 ms) until the cache holds a run made ahead for exactly `target`. */
async function runAhead(c: EngineController, target: number, tries = 500): Promise<void> {
  for (let i = 0; i < tries && c.cache.aheadAt !== target; i++) await new Promise((r) => setTimeout(r, 10));
}

/** Waits until the background run has measured the run and taken its checkpoints. */
async function settled(c: EngineController): Promise<void> {
  for (let i = 0; i < 6000; i++) {
    const bg = (c.player.actor.getSnapshot().value as { background: string }).background;
    if (bg === 'idle' && c.cache.parked.length > 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('background checkpointing did not finish');
}

type Op =
  | { kind: 'step'; n: number }
  | { kind: 'back'; n: number }
  | { kind: 'seek'; at: number }
  | { kind: 'cancelledSeek'; at: number }
  | { kind: 'play'; ms: number; speed: number }
  | { kind: 'control'; value: number };

const ops: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('step' as const), n: fc.integer({ min: 1, max: 30 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('back' as const), n: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('seek' as const), at: fc.integer({ min: 0, max: 1100 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancelledSeek' as const), at: fc.integer({ min: 0, max: 1000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('play' as const), ms: fc.integer({ min: 20, max: 120 }), speed: fc.constantFrom(1, 4, 16, 64) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('control' as const), value: fc.constantFrom(0, 0.2) }) },
);

async function apply(c: EngineController, op: Op, end: number): Promise<void> {
  if (op.kind === 'step') for (let i = 0; i < op.n; i++) c.stepForward();
  else if (op.kind === 'back') {
    for (let i = 0; i < op.n; i++) {
      const before = c.now;
      await c.stepBack();
      if (before > 0) expect(c.now).toBeLessThan(before);
    }
  }
  else if (op.kind === 'seek') {
    const t = (op.at / 1000) * end;
    await c.seek(t);
    // It lands where it was asked to (or at the end, if that comes first).
    if (c.done) expect(c.now).toBeLessThanOrEqual(t);
    else expect(c.now).toBe(t);
  }
  else if (op.kind === 'cancelledSeek') {
    const p = c.seek((op.at / 1000) * end);
    await new Promise((r) => setTimeout(r, 0));
    c.cancel();
    await p;
  } else if (op.kind === 'play') {
    useUi.setState({ speed: op.speed });
    if (!c.done) {
      c.togglePlay();
      await new Promise((r) => setTimeout(r, op.ms));
      if (c.player.playing) c.togglePlay();
    }
  } else await c.setControl('faults.duplicate', op.value);
}

describe('player with checkpoints: every position is a replay of the recorded scenario', () => {
  const raf = globalThis.requestAnimationFrame;
  beforeAll(() => {
    // Node has no animation frames; a 16 ms timer plays their part so 'play' really plays.
    globalThis.requestAnimationFrame = ((cb: FrameRequestCallback) => setTimeout(() => cb(performance.now()), 16)) as unknown as typeof requestAnimationFrame;
  });
  afterAll(() => {
    globalThis.requestAnimationFrame = raf;
  });

  test('random steps, steps back, seeks, play bursts and control changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 100_000 }), fc.array(ops, { minLength: 1, maxLength: 10 }), async (seed, list) => {
        const s = parseScenario({ seed, workload: { orders: 120, intervalMs: 40 }, faults: { duplicate: 0.1, crashBeforeAck: 0.02 } });
        const c = new EngineController(s);
        await settled(c);
        const end = useUi.getState().horizon;
        let held = c.cache.parked.length;
        let gen = c.cache.gen;
        for (const op of list) {
          await apply(c, op, end);
          expectReplayable(c);
          // Checkpoints are never used up: until the scenario changes, seeks leave as many as there were.
          if (c.cache.gen === gen) expect(c.cache.parked.length).toBeGreaterThanOrEqual(held);
          held = c.cache.parked.length;
          gen = c.cache.gen;
        }
        c.player.pause();
      }),
      { numRuns: 12 },
    );
  });

  test('a step back uses the run made ahead in idle time: nothing is replayed when it is asked for', async () => {
    const s = parseScenario({ seed: 5, workload: { orders: 150, intervalMs: 40 }, faults: { duplicate: 0.1 } });
    const c = new EngineController(s);
    await settled(c);
    await c.seek(useUi.getState().horizon / 2);
    for (let i = 0; i < 5; i++) c.stepForward();
    const want = c.player.backTarget();
    expect(want).toBeLessThan(c.now);
    await runAhead(c, want);
    expect(c.cache.aheadAt).toBe(want);
    const steps = countSteps();
    try {
      await c.stepBack();
    } finally {
      steps.restore();
    }
    expect(steps.n).toBe(0);
    expect(c.now).toBe(want);
    expectReplayable(c);
    // The next step back is being made ahead in turn, and lands exactly as a fresh replay would.
    await runAhead(c, c.player.backTarget());
    const next = c.player.backTarget();
    await c.stepBack();
    expect(c.now).toBe(next);
    expectReplayable(c);
    c.player.pause();
  });

  test('steps back in quick succession replay only the few events since a checkpoint kept near the playhead', async () => {
    const s = parseScenario({ seed: 8, workload: { orders: 150, intervalMs: 40 }, faults: { duplicate: 0.1 } });
    const c = new EngineController(s);
    await settled(c);
    await c.seek(useUi.getState().horizon * 0.6);
    c.stepForward();
    await runAhead(c, c.player.backTarget());
    const steps = countSteps();
    const replayed: number[] = [];
    try {
      // No waiting in between: only the first finds a run made ahead.
      for (let i = 0; i < 4; i++) {
        const want = c.player.backTarget();
        steps.n = 0;
        await c.stepBack();
        replayed.push(steps.n);
        expect(c.now).toBe(want);
      }
    } finally {
      steps.restore();
    }
    expectReplayable(c);
    expect(replayed[0]).toBe(0);
    for (const n of replayed) expect(n).toBeLessThan(100);
    c.player.pause();
  });

  test('after a step back the next one is made at once, not in idle time: a burst of steps back replays nothing when asked', async () => {
    const s = parseScenario({ seed: 4, workload: { orders: 150, intervalMs: 40 }, faults: { duplicate: 0.1 } });
    const c = new EngineController(s);
    await settled(c);
    await c.seek(useUi.getState().horizon * 0.4);
    for (let i = 0; i < 3; i++) c.stepForward();
    // From here on no idle time ever comes (as between quick clicks): only the step-back path can make runs ahead.
    const g = globalThis as { requestIdleCallback?: unknown };
    const had = g.requestIdleCallback;
    g.requestIdleCallback = () => 0;
    const steps = countSteps();
    const replayed: number[] = [];
    try {
      await c.stepBack();
      for (let i = 0; i < 4; i++) {
        const want = c.player.backTarget();
        await runAhead(c, want, 300);
        expect(c.cache.aheadAt).toBe(want);
        steps.n = 0;
        await c.stepBack();
        replayed.push(steps.n);
        expect(c.now).toBe(want);
      }
    } finally {
      steps.restore();
      g.requestIdleCallback = had;
    }
    expect(replayed).toEqual([0, 0, 0, 0]);
    expectReplayable(c);
    c.player.pause();
  });

  test('a seek back starts from the nearest checkpoint, not from the beginning', async () => {
    const s = parseScenario({ seed: 3, workload: { orders: 150, intervalMs: 40 } });
    const c = new EngineController(s);
    await settled(c);
    const held = [...c.cache.parked];
    expect(held.length).toBeGreaterThan(1);
    await c.runToEnd();
    const last = held[held.length - 1];
    const steps = countSteps();
    try {
      await c.seek(last + 1);
    } finally {
      steps.restore();
    }
    expectReplayable(c);
    // Replayed from the checkpoint at `last`: a handful of events, not the whole run.
    expect(c.cache.nearest(last + 1)?.atMs).toBe(last);
    expect(c.index.size).toBe(c.trace.length);
    expect(steps.n).toBeLessThan(c.trace.length / 4);
    expect(c.cache.parked).toEqual(held);
  });

  test('the first seek into a run cuts back the index the background run made instead of indexing every event up to the target', async () => {
    const s = parseScenario({ seed: 6, workload: { orders: 150, intervalMs: 40 }, faults: { duplicate: 0.1 } });
    const c = new EngineController(s);
    await settled(c);
    const indexed = countIndexed();
    try {
      await c.seek(useUi.getState().horizon * 0.9);
    } finally {
      indexed.restore();
    }
    expectReplayable(c);
    expect(indexed.n).toBeLessThan(c.trace.length / 10);
    // The index cut back from the whole run says exactly what one built over the trace so far says.
    const fresh = new TraceIndex();
    fresh.sync(c.trace);
    const orders = c.view().orders;
    for (const o of orders) fresh.linkOrder(o.id, o.requestId);
    expect(JSON.stringify(c.index.marks)).toBe(JSON.stringify(fresh.marks));
    expect(c.index.controls).toEqual(fresh.controls);
    expect([...c.index.messages.keys()]).toEqual([...fresh.messages.keys()]);
    expect(JSON.stringify([...c.index.published])).toBe(JSON.stringify([...fresh.published]));
    expect(JSON.stringify([...c.index.deliveries])).toBe(JSON.stringify([...fresh.deliveries]));
    expect(orders.length).toBeGreaterThan(50);
    for (const o of orders) expect(c.index.eventsOf(o.id)).toEqual(fresh.eventsOf(o.id));
    c.player.pause();
  });
  test('a jump back far keeps the index that was far ahead, so the next jump forward indexes little', async () => {
    const s = parseScenario({ seed: 6, workload: { orders: 150, intervalMs: 40 }, faults: { duplicate: 0.1 } });
    const c = new EngineController(s);
    await settled(c);
    const end = useUi.getState().horizon;
    await c.seek(end * 0.9);
    await c.seek(end * 0.2);
    expectReplayable(c);
    const whole = c.trace.length / 0.2;
    const indexed = countIndexed();
    try {
      // Cutting back the index at 90% for the jump to 20% would leave both indexes at 20% or
      // before, and this jump would index some 75% of the run again.
      await c.seek(end * 0.95);
    } finally {
      indexed.restore();
    }
    expect(indexed.n).toBeLessThan(whole * 0.15);
    expectReplayable(c);
    c.player.pause();
  });

  test('no restore is made ahead while a seek is replaying: the seek restores once, the copy for the next one comes after it lands', async () => {
    const s = parseScenario({ seed: 8, workload: { orders: 150, intervalMs: 40 }, faults: { duplicate: 0.1 } });
    const c = new EngineController(s);
    await settled(c);
    const restore = Simulation.fromCheckpoint;
    const runUntil = Simulation.prototype.runUntil;
    const busyAtRestore: boolean[] = [];
    Simulation.fromCheckpoint = (cp) => {
      busyAtRestore.push(c.player.busy);
      return restore(cp);
    };
    // Replay made slow: each call moves at most 1 virtual ms and takes 0.4 ms of wall time (under
    // the 0.5 ms that would make the slicer shrink its step), so a seek spans many slices and idle
    // callbacks (16 ms timers in Node) come due between them, as in a browser during a long seek.
    // Running in smaller pieces changes nothing about the run (expectReplayable checks).
    Simulation.prototype.runUntil = function (this: Simulation, t: number) {
      const until = performance.now() + 0.4;
      while (performance.now() < until);
      runUntil.call(this, Math.min(t, this.now + 1));
    };
    try {
      const end = useUi.getState().horizon;
      await c.seek(end * 0.95);
      const during = busyAtRestore.filter((b) => b).length;
      await c.seek(end * 0.3);
      await c.seek(end * 0.6);
      // The seeks' own restores only: nothing else took the main thread away from them.
      expect(during).toBe(1);
      expect(busyAtRestore.filter((b) => b).length).toBe(3);
      // Once the seeks are over, idle time still makes the copy ahead.
      for (let i = 0; i < 200 && busyAtRestore.length < 4; i++) await new Promise((r) => setTimeout(r, 10));
      expect(busyAtRestore.slice(3)).toContain(false);
    } finally {
      Simulation.fromCheckpoint = restore;
      Simulation.prototype.runUntil = runUntil;
    }
    expectReplayable(c);
    c.player.pause();
  });

  test('the background run\'s index is dropped once the live run reaches the end, so two whole-run indexes are not kept', async () => {
    const s = parseScenario({ seed: 9, workload: { orders: 100, intervalMs: 40 } });
    // The background run indexes its whole run for a first jump…
    const first = new EngineController(s);
    await settled(first);
    const whole = new Simulation(s);
    whole.runToEnd();
    expect(first.cache.takeIndex(first.cache.gen)?.size).toBe(whole.trace.length);
    // …which running to the end makes redundant.
    const c = new EngineController(s);
    await settled(c);
    await c.runToEnd();
    expect(c.done).toBe(true);
    expect(c.cache.takeIndex(c.cache.gen)).toBeNull();
    expectReplayable(c);
  });
});
