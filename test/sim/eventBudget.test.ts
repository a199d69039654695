/**
 * The event budget: a run that would go on and on (a poison message retried every 10 ms with no
 * dead-letter queue, for a day of virtual time) stops cleanly with a reason, at the same point
 * live and on replay, with its memory bounded by the budget.
 */
import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/cli/format';
import { EVENT_BUDGET } from '../../src/sim/budget';
import { Simulation } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';
import { ALL_REMEDIES } from '../../src/sim/truthTable';

/** Every order's first command fails for ever, retried in a hot loop, for 24 hours. */
const looping = parseScenario({ seed: 3, workload: { orders: 10 }, faults: { poison: 1 }, durationMs: 86_400_000 });
const BUDGET = 60_000;

describe('event budget', () => {
  it('a looping run stops at its budget with a reason, instead of running for the whole day', () => {
    const sim = new Simulation(looping, { eventBudget: BUDGET });
    sim.runToEnd();
    const r = sim.report();
    expect(r.stoppedEarly).toMatchObject({ reason: 'eventBudget', events: BUDGET, atMs: sim.now });
    expect(r.stoppedEarly?.message).toMatch(/^This run was stopped after 60,000 events \(its event budget\), at [0-9.]+ s of virtual time/);
    expect(r.metrics.events).toBe(BUDGET);
    expect(r.endTimeMs).toBeLessThan(looping.durationMs);
    // Not settled, so the settled-state checks stay silent rather than guess.
    expect(r.quiescent).toBe(false);
    expect(sim.done).toBe(true);
    expect(sim.step()).toBe(false);
    sim.runUntil(looping.durationMs);
    expect(sim.now).toBe(r.endTimeMs);
    // What is kept grows with the events processed, so the budget bounds memory.
    expect(sim.trace.length).toBeLessThan(3 * BUDGET);
  });

  it('stops at the same point live, steered and replayed', () => {
    const live = new Simulation(looping, { eventBudget: BUDGET });
    live.runUntil(2_000);
    live.setControl('faults.drop', 0.2);
    live.runToEnd();
    const replay = new Simulation(live.scenario, { eventBudget: BUDGET });
    replay.runToEnd();
    expect(replay.traceHash()).toBe(live.traceHash());
    expect(replay.report().stoppedEarly).toEqual(live.report().stoppedEarly);
  });

  it('a run that ends within its budget has no stop note, even when it ends on the last event', () => {
    const probe = new Simulation(parseScenario({ seed: 2, workload: { orders: 3 } }));
    probe.runToEnd();
    const exact = new Simulation(probe.scenario, { eventBudget: probe.report().metrics.events });
    exact.runToEnd();
    expect(exact.report().stoppedEarly).toBeUndefined();
    expect(exact.report().quiescent).toBe(true);
    expect(exact.traceHash()).toBe(probe.traceHash());
  });

  it('the runner prints the reason', () => {
    const sim = new Simulation(looping, { eventBudget: BUDGET });
    sim.runToEnd();
    const text = formatReport(sim.report());
    expect(text).toMatch(/\(stopped: event budget used up\)/);
    expect(text).toContain(sim.report().stoppedEarly?.message);
  });

  it('is more than twice what the heaviest healed run needs at the largest workload the controls allow', () => {
    // Every fault at 0.3 with every remedy on, at a tenth of the 20,000-order maximum; events grow
    // in proportion to orders, so ten times this must stay under half the budget.
    const heavy = parseScenario({
      seed: 1,
      workload: { orders: 2_000, cancelRatio: 0.3 },
      faults: { drop: 0.3, duplicate: 0.3, reorder: 0.3, crashAfterCommit: 0.3, crashBeforeAck: 0.3, paymentTimeout: 0.3, clientRetry: 0.3, clockSkewMs: 800, raceWindowMs: 50 },
      remedies: ALL_REMEDIES,
      durationMs: 86_400_000,
    });
    const sim = new Simulation(heavy);
    sim.runToEnd();
    const r = sim.report();
    expect(r.stoppedEarly).toBeUndefined();
    expect(r.quiescent).toBe(true);
    console.log(`heaviest healed run: ${r.metrics.events} events for 2,000 orders; budget ${EVENT_BUDGET}`);
    expect(r.metrics.events * 10).toBeLessThan(EVENT_BUDGET / 2);
  });
});
