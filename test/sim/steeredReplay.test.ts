/**
 * Steered runs replay exactly: a run changed by hand (control changes at any point, between any
 * two events, after rewinds) and its recorded scenario, replayed from scratch — directly, through
 * a link, through a scenario file or through the runner — give the same trace and report.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAULTS } from '../../src/sim/catalog';
import { Simulation, seek } from '../../src/sim/engine';
import { controlPaths, parseScenario } from '../../src/sim/scenario';
import type { Scenario } from '../../src/sim/types';
import { scenario as scenarioArb } from '../share/arbitraries';
import { expectReplaysEverywhere, linkOf } from './support/replayPaths';

type Op =
  | { kind: 'step'; n: number }
  | { kind: 'runUntil'; dt: number }
  | { kind: 'set'; path: string; value: number | boolean | string }
  | { kind: 'rewind'; fraction: number };

/** Any valid value for the control at `path`, including the ends of its range. */
function valueFor(path: string): fc.Arbitrary<number | boolean | string> {
  const [sec, key] = path.split('.');
  if (sec === 'faults') {
    const max = FAULTS[key as keyof typeof FAULTS].max;
    const min = key === 'latencyMs' ? 1 : 0;
    return fc.oneof(fc.constantFrom(min, max), fc.double({ min, max, noNaN: true }).map((v) => (Object.is(v, -0) ? 0 : v)));
  }
  if (key === 'ordering') return fc.constantFrom('none', 'partitionByKey', 'versioned');
  return fc.boolean();
}

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 60 }).map((n) => ({ kind: 'step' as const, n })) },
  { weight: 2, arbitrary: fc.double({ min: 0, max: 1500, noNaN: true }).map((dt) => ({ kind: 'runUntil' as const, dt })) },
  {
    weight: 4,
    arbitrary: fc
      .constantFrom(...controlPaths())
      .chain((path) => valueFor(path).map((value) => ({ kind: 'set' as const, path, value }))),
  },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }).map((fraction) => ({ kind: 'rewind' as const, fraction })) },
);

/**
 * Drives a run the way the page does. A rewind is what the page does too: a fresh run of the
 * scenario with the changes made after the target time dropped, run to that time.
 */
function steer(start: Scenario, ops: Op[], metrics = false): Simulation {
  let sim = new Simulation(start, { metrics });
  for (const o of ops) {
    if (o.kind === 'step') for (let i = 0; i < o.n; i++) sim.step();
    else if (o.kind === 'runUntil') sim.runUntil(sim.now + o.dt);
    else if (o.kind === 'set') sim.setControl(o.path, o.value);
    else {
      const t = sim.now * o.fraction;
      sim = new Simulation({ ...sim.scenario, changes: sim.scenario.changes.filter((c) => c.atMs <= t) }, { metrics });
      sim.runUntil(t);
    }
  }
  sim.runToEnd();
  return sim;
}

const same = (a: Simulation, b: Simulation) => {
  expect(b.traceHash()).toBe(a.traceHash());
  expect(b.trace.length).toBe(a.trace.length);
  expect(JSON.stringify(b.report())).toBe(JSON.stringify(a.report()));
};

describe('steered runs replay exactly', () => {
  it('random changes at random points: the recorded scenario replays to the same trace, report and metrics', () => {
    fc.assert(
      fc.property(scenarioArb({ small: true }), fc.array(op, { maxLength: 14 }), (s, ops) => {
        const live = steer(s, ops, true);
        // What the engine records must pass the validator unchanged: links and files go through it.
        const recorded = parseScenario(JSON.parse(JSON.stringify(live.scenario)));
        expect(recorded).toEqual(live.scenario);
        const replay = new Simulation(recorded, { metrics: true });
        replay.runToEnd();
        same(live, replay);
        expect(JSON.stringify(replay.recorder?.series)).toBe(JSON.stringify(live.recorder?.series));
        expect(JSON.stringify(replay.recorder?.alerts)).toBe(JSON.stringify(live.recorder?.alerts));
      }),
      { numRuns: 120 },
    );
  });

  it('the same holds through a link, a scenario file and the runner', () => {
    fc.assert(
      fc.property(scenarioArb({ small: true }), fc.array(op, { maxLength: 10 }), (s, ops) => {
        const live = steer(s, ops);
        const link = linkOf(live);
        expectReplaysEverywhere(live, link, same);
      }),
      { numRuns: 40 },
    );
  });

  it('seeking a replay to any time gives what the live run showed at that time', () => {
    fc.assert(
      fc.property(scenarioArb({ small: true }), fc.array(op, { maxLength: 10 }), fc.double({ min: 0, max: 1, noNaN: true }), (s, ops, f) => {
        const live = steer(s, ops);
        const t = live.now * f;
        // Live, after every event at t has happened (and the changes made by then).
        const ref = new Simulation(live.scenario);
        ref.runUntil(t);
        const atT = seek(live.scenario, t);
        expect(atT.traceHash()).toBe(ref.traceHash());
        const cut = live.trace.filter((e) => e.t <= t);
        expect(atT.trace.length).toBe(cut.length);
      }),
      { numRuns: 40 },
    );
  });
});

describe('the issue #9 repro, pinned', () => {
  // Step until the first charge command is on the bus, drop every publish from then on, run to the end.
  const steerRepro = (seed: number) => {
    const sim = new Simulation(parseScenario({ seed, workload: { orders: 5 } }));
    while (sim.step() && !sim.trace.some((e) => e.kind === 'publish' && e.msg.type === 'ChargePayment')) {
      /* keep stepping */
    }
    sim.setControl('faults.drop', 1);
    sim.runToEnd();
    return sim;
  };

  it('seed 1: the replay sees the same stuck order, not a lost one', () => {
    const live = steerRepro(1);
    const replay = new Simulation(live.scenario);
    replay.runToEnd();
    same(live, replay);
    // Live, the ChargePayment already on the bus still arrives; only later publishes are dropped.
    expect(live.report().anomalyList.map((a) => a.kind)).toContain('stuck');
    expect(replay.report().anomalyList.map((a) => a.kind)).not.toContain('lostOrder');
  });

  it('seeds 1–100: live and replay give the same trace hash', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const live = steerRepro(seed);
      const replay = new Simulation(live.scenario);
      replay.runToEnd();
      expect(replay.traceHash(), `seed ${seed}`).toBe(live.traceHash());
    }
  });
});

describe('edge cases', () => {
  const base = parseScenario({ seed: 4, workload: { orders: 6 }, faults: { duplicate: 0.5 } });
  const replayOf = (sim: Simulation) => {
    const r = new Simulation(parseScenario(JSON.parse(JSON.stringify(sim.scenario))));
    r.runToEnd();
    return r;
  };

  it('several changes at the same position apply in the order they were made', () => {
    const sim = new Simulation(base);
    for (let i = 0; i < 7; i++) sim.step();
    sim.setControl('faults.drop', 1);
    sim.setControl('remedies.idempotentConsumer', true);
    sim.setControl('faults.drop', 0);
    sim.runToEnd();
    expect(sim.scenario.changes.map((c) => [c.atEvent, c.path, c.value])).toEqual([
      [7, 'faults.drop', 1],
      [7, 'remedies.idempotentConsumer', true],
      [7, 'faults.drop', 0],
    ]);
    expect(sim.controls().faults.drop).toBe(0);
    same(sim, replayOf(sim));
  });

  it('a change before the first event is recorded at position 0', () => {
    const sim = new Simulation(base);
    sim.setControl('faults.drop', 1);
    sim.runToEnd();
    expect(sim.scenario.changes[0]).toMatchObject({ atMs: 0, atEvent: 0 });
    expect(sim.report().metrics.dropped).toBeGreaterThan(0);
    same(sim, replayOf(sim));
  });

  it('a change between two events at the same instant lands between them on replay', () => {
    const sim = new Simulation(base);
    // Find a moment where the next event happens at the same virtual time as the last one.
    let found = false;
    while (sim.step()) {
      if (sim.now > 0 && (sim as unknown as { sched: { peekTime(): number | null } }).sched.peekTime() === sim.now) {
        found = true;
        break;
      }
    }
    expect(found).toBe(true);
    const t = sim.now;
    const steps = sim.eventsProcessed;
    const before = sim.trace.length;
    sim.setControl('faults.drop', 1);
    sim.runToEnd();
    const replay = replayOf(sim);
    same(sim, replay);
    // Stepping a replay the same number of times shows what the live run showed right after the
    // change (a link's event count lands there too): the change made, the next event not yet.
    const stepped = new Simulation(sim.scenario);
    for (let i = 0; i < steps; i++) stepped.step();
    expect(stepped.trace.length).toBe(before + 1);
    expect(stepped.controls().faults.drop).toBe(1);
    // The control event sits where it was made: after the events already run at t, before the rest.
    expect(replay.trace[before]).toMatchObject({ kind: 'control', t, path: 'faults.drop' });
    expect(replay.trace.slice(before + 1).some((e) => e.t === t)).toBe(true);
  });

  it('a change after the clock moved past the last event keeps its time on replay', () => {
    const sim = new Simulation(base);
    sim.runUntil(123.5);
    sim.setControl('remedies.reconciliation', true);
    sim.runToEnd();
    const replay = replayOf(sim);
    same(sim, replay);
    expect(replay.trace.find((e) => e.kind === 'control')).toMatchObject({ t: 123.5 });
  });

  it('seeking past a change replays it; seeking before it does not', () => {
    const sim = new Simulation(base);
    sim.runUntil(300);
    sim.setControl('faults.drop', 1);
    sim.runToEnd();
    expect(seek(sim.scenario, 299.9).controls().faults.drop).toBe(0);
    expect(seek(sim.scenario, 300).controls().faults.drop).toBe(1);
    expect(seek(sim.scenario, 5000).controls().faults.drop).toBe(1);
  });

  it('a change after the run ended is recorded and shown but does not restart it, live or replayed', () => {
    const sim = new Simulation(base);
    sim.runToEnd();
    const end = sim.now;
    sim.setControl('remedies.reconciliation', true);
    expect(sim.done).toBe(true);
    expect(sim.step()).toBe(false);
    expect(sim.now).toBe(end);
    same(sim, replayOf(sim));
  });

  it('a new change drops the recorded changes that were still ahead, and keeps time-anchored ones', () => {
    const sim = new Simulation(base);
    sim.runUntil(200);
    sim.setControl('faults.drop', 1);
    sim.runUntil(400);
    sim.setControl('faults.drop', 0);
    const recorded = { ...sim.scenario, changes: [...sim.scenario.changes, { atMs: 900, path: 'faults.duplicate', value: 0 }] };
    // Back to 250, as a rewind does, then steer differently.
    const again = new Simulation(parseScenario(recorded));
    again.runUntil(250);
    again.setControl('remedies.idempotentConsumer', true);
    expect(again.scenario.changes.map((c) => [c.atMs, c.path])).toEqual([
      [200, 'faults.drop'],
      [250, 'remedies.idempotentConsumer'],
      [900, 'faults.duplicate'],
    ]);
    again.runToEnd();
    same(again, replayOf(again));
  });

  it('a hand-edited position whose time does not fit is applied when the run gets there, and the recording says when', () => {
    const edited = parseScenario({ ...base, changes: [{ atMs: 40_000, atEvent: 10, path: 'faults.drop', value: 1 }] });
    const sim = new Simulation(edited);
    sim.runToEnd();
    const c = sim.scenario.changes[0];
    expect(c.atEvent).toBe(10);
    expect(c.atMs).toBeLessThan(40_000);
    expect(sim.trace.find((e) => e.kind === 'control')?.t).toBe(c.atMs);
    same(sim, replayOf(sim));
  });

  it('changes written by hand without a position keep their old meaning: before the events at that time', () => {
    const timed = parseScenario({ ...base, changes: [{ atMs: 300, path: 'faults.drop', value: 1 }] });
    const sim = new Simulation(timed);
    sim.runToEnd();
    const i = sim.trace.findIndex((e) => e.kind === 'control');
    expect(sim.trace[i].t).toBe(300);
    expect(sim.trace.slice(0, i).every((e) => e.t < 300)).toBe(true);
  });
});

describe('a bad position in a scenario is named', () => {
  const at = (changes: unknown) => () => parseScenario({ changes });
  it.each([
    [[{ atMs: 5, atEvent: -1, path: 'faults.drop', value: 1 }], /^changes\[0\]\.atEvent: must be between 0 and 5000000, got -1$/],
    [[{ atMs: 5, atEvent: 2.5, path: 'faults.drop', value: 1 }], /^changes\[0\]\.atEvent: must be a whole number, got 2\.5$/],
    [[{ atMs: 5, atEvent: '7', path: 'faults.drop', value: 1 }], /^changes\[0\]\.atEvent: must be a number .* got the text "7"$/],
    [[{ atMs: 5, atEvent: 5_000_001, path: 'faults.drop', value: 1 }], /^changes\[0\]\.atEvent: must be between 0 and 5000000/],
    [
      [
        { atMs: 5, atEvent: 9, path: 'faults.drop', value: 1 },
        { atMs: 6, atEvent: 8, path: 'faults.drop', value: 0 },
      ],
      /^changes\[1\]\.atEvent: changes must be listed in the order they were made$/,
    ],
  ])('%j', (changes, message) => {
    expect(at(changes)).toThrow(message);
  });

  it('positions and time-anchored changes may be mixed, each kind in its own order', () => {
    const s = parseScenario({
      changes: [
        { atMs: 5, atEvent: 9, path: 'faults.drop', value: 1 },
        { atMs: 6, path: 'faults.drop', value: 0.5 },
        { atMs: 7, atEvent: 9, path: 'faults.drop', value: 0 },
      ],
    });
    expect(s.changes.map((c) => c.atEvent)).toEqual([9, undefined, 9]);
  });
});
