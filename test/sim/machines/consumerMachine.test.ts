/**
 * The consumer loop decides each delivery's fate in one transition, and its branches list the
 * actions the runtime carries out — in the order it carries them out — so the chart can show
 * where a crash strikes. A run's crashes match what the loop decided.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/sim/engine';
import { type ConsumerEvent, consumerMachine, type DeliveryFacts } from '../../../src/sim/machines/consumerMachine';
import { start, step, transitionCount } from '../../../src/sim/machines/pure';
import { parseScenario } from '../../../src/sim/scenario';
import { machineToGraph } from '../../../src/ui/statechart/machineGraph';

const up = start(consumerMachine, undefined as never).snapshot;
const plain: DeliveryFacts = { poison: false, seen: false, version: 'next', result: 'done', crash: 'none' };
const deliver = (f: Partial<DeliveryFacts>): ConsumerEvent => ({ type: 'DELIVER', ...plain, ...f });
const outcome = (ev: ConsumerEvent, from = up) => {
  const r = step(consumerMachine, from, ev);
  return { state: r.snapshot.value, actions: r.commands.map((c) => c.type) };
};

describe('consumer loop', () => {
  it('each branch of a delivery: its target and its actions, in order', () => {
    expect(outcome(deliver({}))).toEqual({ state: 'up', actions: ['commit', 'publish', 'ack', 'drainBuffer'] });
    expect(outcome(deliver({ poison: true, result: 'skipped' }))).toEqual({ state: 'up', actions: ['reject'] });
    expect(outcome(deliver({ seen: true, result: 'skipped' }))).toEqual({ state: 'up', actions: ['absorbDuplicate', 'ack'] });
    expect(outcome(deliver({ version: 'old', result: 'skipped' }))).toEqual({ state: 'up', actions: ['absorbStale', 'ack'] });
    expect(outcome(deliver({ version: 'early', result: 'skipped' }))).toEqual({ state: 'up', actions: ['park', 'ack'] });
    expect(outcome(deliver({ result: 'fail' }))).toEqual({ state: 'up', actions: ['abort', 'nack'] });
    expect(outcome(deliver({ result: 'later' }))).toEqual({ state: 'up', actions: ['waitForSecondStep'] });
    // Crash after commit: nothing is published; crash before ack: published, never acked.
    expect(outcome(deliver({ crash: 'afterCommit' }))).toEqual({ state: 'down', actions: ['commit', 'crash'] });
    expect(outcome(deliver({ crash: 'beforeAck' }))).toEqual({ state: 'down', actions: ['commit', 'publish', 'crash'] });
  });

  it('second steps, local work, restarts; a down process takes nothing', () => {
    expect(outcome({ type: 'FINISH', crash: 'none', staleEpoch: false })).toEqual({ state: 'up', actions: ['commit', 'publish', 'ack', 'drainBuffer'] });
    expect(outcome({ type: 'FINISH', crash: 'none', staleEpoch: true })).toEqual({ state: 'up', actions: [] });
    expect(outcome({ type: 'FINISH', crash: 'beforeAck', staleEpoch: false })).toEqual({ state: 'down', actions: ['commit', 'publish', 'crash'] });
    expect(outcome({ type: 'LOCAL', crash: 'none' })).toEqual({ state: 'up', actions: ['commit', 'publish'] });
    expect(outcome({ type: 'LOCAL', crash: 'afterCommit' })).toEqual({ state: 'down', actions: ['commit', 'crash'] });
    const down = step(consumerMachine, up, deliver({ crash: 'afterCommit' })).snapshot;
    const ignored = step(consumerMachine, down, deliver({}));
    expect(ignored.snapshot).toBe(down);
    expect(ignored.commands).toEqual([]);
    expect(outcome({ type: 'RESTART' }, down)).toEqual({ state: 'up', actions: ['recover'] });
  });

  it('the chart marks where each crash strikes, and names the deciding guards', () => {
    const g = machineToGraph(consumerMachine);
    const toDown = g.transitions.filter((t) => t.event === 'DELIVER' && t.target?.endsWith('down'));
    expect(toDown.map((t) => [t.guard, t.actions, t.faultPoints])).toEqual([
      ['crashAfterCommit', ['commit', 'crash'], ['crashAfterCommit']],
      ['crashBeforeAck', ['commit', 'publish', 'crash'], ['crashBeforeAck']],
    ]);
    const internal = g.states.find((s) => s.key === 'up')!.internal.filter((t) => t.event === 'DELIVER');
    expect(internal.map((t) => t.guard)).toEqual(['poison', 'alreadyProcessed', 'olderVersion', 'tooEarly', 'handlerFailed', 'secondStepLater', null]);
  });

  it('in a run, every crash is a transition to down and every restart one back up; one loop step per delivery', () => {
    const sim = new Simulation(parseScenario({ seed: 4, workload: { orders: 30, intervalMs: 20 }, faults: { crashAfterCommit: 0.05, crashBeforeAck: 0.05 } }));
    const before = transitionCount.n;
    let downSeen = 0;
    sim.subscribe((e) => {
      if (e.kind === 'crash') {
        expect(sim.s[e.service].process.value).toBe('down');
        downSeen++;
      }
      if (e.kind === 'restart') expect(sim.s[e.service].process.value).toBe('up');
    });
    sim.runToEnd();
    expect(downSeen).toBeGreaterThan(0);
    const deliveries = sim.trace.filter((e) => e.kind === 'deliver').length;
    // At least one loop transition per delivery (plus entity machines, local work and restarts).
    expect(transitionCount.n - before).toBeGreaterThanOrEqual(deliveries);
  });
});
