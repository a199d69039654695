/**
 * Checkpoints are copies: a run checkpointed at any point and restored (any number of times) goes
 * on exactly as the uninterrupted run does — same trace, hash, report and metrics — including runs
 * steered by hand with control changes and per-message what-ifs. And the simulation state holds
 * no closure anywhere, which is what makes the copy possible.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findClosure, StateCopyError } from '../../src/sim/copyState';
import { type Checkpoint, Simulation } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';
import type { Scenario, WhatIf, WhatIfAction } from '../../src/sim/types';
import { randomScenario } from './support/randomScenario';

/** Everything a run can be compared by once it ends. */
function outcome(sim: Simulation) {
  return { hash: sim.traceHash(), trace: sim.trace.length, report: sim.report(), series: sim.recorder?.series ?? null, alerts: sim.recorder?.alerts ?? null, tables: sim.tables() };
}

function runToEnd(sim: Simulation): Simulation {
  sim.runToEnd();
  return sim;
}

/** Steps a run `n` events (or to its end). */
function stepN(sim: Simulation, n: number): void {
  for (let i = 0; i < n && sim.step(); i++) {
    /* step */
  }
}

describe('checkpoints', () => {
  it('a run checkpointed at a random point, restored twice, ends exactly like the uninterrupted run', () => {
    fc.assert(
      fc.property(randomScenario, fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), (input, where, metrics) => {
        const scenario = parseScenario(input);
        const a = runToEnd(new Simulation(scenario, { metrics }));
        const want = outcome(a);
        const b = new Simulation(scenario, { metrics });
        stepN(b, Math.floor(a.eventsProcessed * where));
        const cp = b.checkpoint();
        expect(cp.events).toBe(b.eventsProcessed);
        const first = runToEnd(Simulation.fromCheckpoint(cp));
        expect(outcome(first)).toEqual(want);
        // Never used up: the same checkpoint again, and the run it was taken from, still agree.
        expect(outcome(runToEnd(Simulation.fromCheckpoint(cp)))).toEqual(want);
        expect(outcome(runToEnd(b))).toEqual(want);
      }),
      { numRuns: 60 },
    );
  });

  it('a restored run does not share mutable state with its checkpoint or the original', () => {
    const scenario = parseScenario({ seed: 11, workload: { orders: 30, intervalMs: 20 }, faults: { duplicate: 0.3, crashAfterCommit: 0.1, raceWindowMs: 15 }, remedies: { outbox: true, reconciliation: true } });
    const a = new Simulation(scenario);
    a.runUntil(300);
    const cp = a.checkpoint();
    const before = outcome(Simulation.fromCheckpoint(cp));
    const b = Simulation.fromCheckpoint(cp);
    b.setControl('faults.drop', 0.5);
    b.runToEnd();
    a.setControl('faults.duplicate', 0);
    a.runToEnd();
    expect(b.scenario.changes).not.toEqual(a.scenario.changes);
    // Neither run touched the checkpoint: it restores to what it held.
    expect(outcome(Simulation.fromCheckpoint(cp))).toEqual(before);
    expect(cp.state.scenario.changes).toEqual([]);
    expect(a.trace.length).toBeGreaterThan(cp.traceLength);
  });

  it('steered runs: control changes and what-ifs made after a restore replay like the original', () => {
    const actions: WhatIfAction[] = ['duplicate', 'drop', 'delay', 'crashAfterCommit', 'crashBeforeAck', 'deliverNow'];
    fc.assert(
      fc.property(randomScenario, fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.nat(), fc.constantFrom(...actions), fc.boolean()), { minLength: 1, maxLength: 6 }), (input, ops) => {
        const scenario = parseScenario({ ...input, workload: { ...input.workload, orders: Math.max(3, input.workload?.orders ?? 3) } });
        // The live run: steps, with a checkpoint before each steer; the copy restored from it is
        // steered the same way and has to stay in lockstep with the live run.
        let live = new Simulation(scenario);
        for (const [n, pick, action, toggle] of ops) {
          stepN(live, n);
          const cp = live.checkpoint();
          const twin = Simulation.fromCheckpoint(cp);
          for (const sim of [live, twin]) {
            if (toggle) sim.setControl('faults.duplicate', (pick % 5) / 10);
            const targets = sim.whatIfTargets().filter((t) => t.actions.includes(action));
            const target = targets[pick % Math.max(1, targets.length)]?.target;
            if (target) sim.whatIf(action === 'delay' ? { ...target, action, ms: 50 } : ({ ...target, action } as WhatIf));
          }
          expect(twin.traceHash()).toBe(live.traceHash());
          expect(twin.scenario.changes).toEqual(live.scenario.changes);
          // Carry on with the copy: the original is dropped, as a seek would.
          live = twin;
        }
        runToEnd(live);
        // A fresh replay of the recorded scenario agrees with the steered, restored run.
        const replay = runToEnd(new Simulation(live.scenario));
        expect(replay.traceHash()).toBe(live.traceHash());
        expect(replay.report()).toEqual(live.report());
      }),
      { numRuns: 40 },
    );
  });

  it('seek: the nearest checkpoint plus a replay forward gives what a fresh run shows at t', () => {
    const scenario = parseScenario({ seed: 5, workload: { orders: 40, intervalMs: 25 }, faults: { reorder: 0.2, paymentTimeout: 0.2 }, remedies: { retries: true, outbox: true } });
    const full = runToEnd(new Simulation(scenario));
    const cps: Checkpoint[] = [];
    const run = new Simulation(scenario);
    for (let t = 0; !run.done; t += 200) {
      run.runUntil(t);
      cps.push(run.checkpoint());
    }
    for (const t of [0, 1, 199, 200, 201, 777, 1500, full.now]) {
      const cp = [...cps].reverse().find((c) => c.atMs <= t)!;
      const sought = Simulation.fromCheckpoint(cp);
      sought.runUntil(t);
      const fresh = new Simulation(scenario);
      fresh.runUntil(t);
      expect(sought.traceHash()).toBe(fresh.traceHash());
      expect(sought.now).toBe(fresh.now);
      expect(sought.view()).toEqual(fresh.view());
    }
  });
});

describe('simulation state is plain data', () => {
  it('no closure anywhere in the state, at any point of random runs', () => {
    fc.assert(
      fc.property(randomScenario, fc.integer({ min: 1, max: 200 }), (input, every) => {
        const sim = new Simulation(parseScenario(input), { metrics: true });
        // A few looks per run, spread over its first events, where every kind of work is pending.
        for (let look = 0; look < 8 && !sim.done; look++) {
          expect(findClosure(sim, ['trace', 'listeners'])).toBeNull();
          stepN(sim, every);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('a closure slipped into the state is refused, naming where it sits', () => {
    const sim = new Simulation(parseScenario({ seed: 1 } as Partial<Scenario>));
    (sim.s.order as unknown as { sneaky: () => void }).sneaky = () => {};
    expect(() => sim.checkpoint()).toThrow(StateCopyError);
    expect(() => sim.checkpoint()).toThrow(/s\.order\.sneaky|order\.sneaky/);
  });
});
