/**
 * The UI controller in Node, driven like a restless learner: random steps, seeks back and
 * forth, runs to the end, cancels and control changes, in any order. After every action the
 * run at the playhead must be exactly the run a fresh replay of the recorded scenario gives
 * (same events, same trace hash), and the playback machine must be back at rest.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createActor } from 'xstate';
import { runScenario } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';
import type { Scenario } from '../../src/sim/types';
import { EngineController } from '../../src/ui/engineController';
import { expectReplayable } from './replayCheck';
import { controlValueAt, planEdit } from '../../src/ui/player/controlEdits';
import { playbackMachine } from '../../src/ui/player/playbackMachine';

type Op =
  | { kind: 'step'; n: number }
  | { kind: 'seek'; at: number }
  | { kind: 'end' }
  | { kind: 'cancelledSeek'; at: number }
  | { kind: 'control'; path: string; value: number | boolean };

const stepsAndSeeks: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('step' as const), n: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('seek' as const), at: fc.double({ min: 0, max: 1.1, noNaN: true }) }),
  fc.record({ kind: fc.constant('cancelledSeek' as const), at: fc.double({ min: 0, max: 1.1, noNaN: true }) }),
  fc.constant({ kind: 'end' as const }),
);

const controls: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('control' as const), path: fc.constant('faults.duplicate'), value: fc.constantFrom(0, 0.2, 0.5) }),
  fc.record({ kind: fc.constant('control' as const), path: fc.constant('remedies.idempotentConsumer'), value: fc.boolean() }),
  fc.record({ kind: fc.constant('control' as const), path: fc.constant('faults.crashAfterCommit'), value: fc.constantFrom(0, 0.05) }),
);

async function apply(c: EngineController, op: Op, end: number): Promise<void> {
  if (op.kind === 'step') for (let i = 0; i < op.n; i++) c.stepForward();
  else if (op.kind === 'seek') await c.seek(op.at * end);
  else if (op.kind === 'end') await c.runToEnd();
  else if (op.kind === 'cancelledSeek') {
    const p = c.seek(op.at * end);
    // Let it run a slice or two, then cancel as Escape would.
    await new Promise((r) => setTimeout(r, 0));
    c.cancel();
    await p;
  } else await c.setControl(op.path, op.value);
}

const scenarioArb = fc.record({
  seed: fc.integer({ min: 1, max: 100_000 }),
  orders: fc.integer({ min: 3, max: 14 }),
  duplicate: fc.constantFrom(0, 0.3),
  crash: fc.constantFrom(0, 0.05),
});

function scenarioOf(p: { seed: number; orders: number; duplicate: number; crash: number }): Scenario {
  return parseScenario({ seed: p.seed, workload: { orders: p.orders }, faults: { duplicate: p.duplicate, crashBeforeAck: p.crash } });
}

describe('player fuzz: the playhead is always a replay of the recorded scenario', () => {
  test('steps, seeks, runs to the end and cancels', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, fc.array(stepsAndSeeks, { minLength: 1, maxLength: 12 }), async (p, ops) => {
        const s = scenarioOf(p);
        const c = new EngineController(s);
        const end = runScenario(s).endTimeMs;
        for (const op of ops) {
          await apply(c, op, end);
          expectReplayable(c);
        }
      }),
      { numRuns: 40 },
    );
  });

  test('control changes anywhere (at the start, mid-run between single steps, after the end) replay exactly', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, fc.array(fc.oneof(stepsAndSeeks, controls), { minLength: 1, maxLength: 10 }), async (p, ops) => {
        const s = scenarioOf(p);
        const c = new EngineController(s);
        const end = s.workload.orders * s.workload.intervalMs + 1000;
        for (const op of ops) {
          await apply(c, op, end);
          expectReplayable(c);
          if (op.kind === 'control') expect(c.controlValue(op.path)).toBe(op.value);
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe('player: cancel leaves a consistent state', () => {
  test('a cancelled rewind keeps the run where it was; a cancelled run to the end stops part-way', async () => {
    // Long enough that a rewind from scratch takes many slices, and that the run to the end is
    // still going when a timer set after it starts fires (with 300 orders its last 3 s of events
    // could fit in the two slices before it, once the engine was warm).
    const s = parseScenario({ seed: 9, workload: { orders: 1000, intervalMs: 50 } });
    const c = new EngineController(s);
    await c.seek(12_000);
    const before = c.traceHash();
    const rewind = c.seek(11_000);
    await new Promise((r) => setTimeout(r, 0));
    expect(c.player.jobKind).toBe('rewind');
    c.cancel();
    await rewind;
    expect(c.now).toBe(12_000);
    expect(c.traceHash()).toBe(before);
    expectReplayable(c);
    expect(c.player.actor.getSnapshot().matches({ transport: 'idle' })).toBe(true);

    const run = c.runToEnd();
    await new Promise((r) => setTimeout(r, 0));
    expect(c.player.jobKind).toBe('runToEnd');
    c.cancel();
    await run;
    expect(c.done).toBe(false);
    expect(c.now).toBeGreaterThanOrEqual(12_000);
    expectReplayable(c);
    // And it carries on from there as if never interrupted.
    await c.runToEnd();
    expect(c.traceHash()).toBe(runScenario(s).traceHash);
  });
});

describe('playback machine', () => {
  test('a seek while playing plays on; a cancel stops; a stale job cannot end a newer one', () => {
    const a = createActor(playbackMachine).start();
    const mode = () => (a.getSnapshot().value as { transport: string }).transport;
    a.send({ type: 'PLAY' });
    a.send({ type: 'SEEK', kind: 'seek', label: 'Seeking', at: 0 });
    expect(mode()).toBe('seeking');
    const first = a.getSnapshot().context.lastJobId;
    a.send({ type: 'SEEK', kind: 'rewind', label: 'Rewinding', at: 0 });
    const second = a.getSnapshot().context.lastJobId;
    expect(second).toBe(first + 1);
    a.send({ type: 'PROGRESS', id: first, progress: 0.5 });
    expect(a.getSnapshot().context.job?.progress).toBe(null);
    a.send({ type: 'PROGRESS', id: second, progress: 0.5 });
    expect(a.getSnapshot().context.job?.progress).toBe(0.5);
    a.send({ type: 'JOB_DONE', id: first });
    expect(mode()).toBe('seeking');
    a.send({ type: 'JOB_DONE', id: second });
    expect(mode()).toBe('playing');
    a.send({ type: 'RUN_TO_END', label: 'Running', at: 0 });
    a.send({ type: 'CANCEL' });
    expect(mode()).toBe('idle');
    expect(a.getSnapshot().context.job).toBe(null);
    a.send({ type: 'SEEK', kind: 'seek', label: 'Seeking', at: 0 });
    a.send({ type: 'JOB_DONE', id: a.getSnapshot().context.lastJobId });
    expect(mode()).toBe('idle');
  });
});

describe('control-edit rules', () => {
  const s = parseScenario({ changes: [{ atMs: 500, path: 'faults.drop', value: 0.1 }] });
  test('at the start a change edits the setup; mid-run it is recorded; after the end the run is redone', () => {
    expect(planEdit(s, 0, false, 'faults.drop', 0.2)).toMatchObject({ kind: 'newSetup', rerun: false, scenario: { faults: { drop: 0.2 }, changes: [] } });
    expect(planEdit(s, 800, false, 'faults.duplicate', 0.2)).toEqual({ kind: 'record', dropped: null, notice: null });
    expect(planEdit(s, 300, false, 'faults.duplicate', 0.2)).toMatchObject({ kind: 'record', dropped: { changes: [] } });
    expect(planEdit(s, 900, true, 'faults.drop', 0.3)).toMatchObject({ kind: 'newSetup', rerun: true, scenario: { faults: { drop: 0.3 }, changes: [] } });
  });
  test('a control has its setup value until a recorded change', () => {
    expect(controlValueAt(s, 'faults.drop', 499)).toBe(0);
    expect(controlValueAt(s, 'faults.drop', 500)).toBe(0.1);
  });
});
