/**
 * The outbox relay's machine per row: published once, deleted on the broker's ack, published again
 * after a lost publish or a crash. In a run with the outbox on, every row still in an outbox is
 * pending or in flight, and rows leave only through their `stored` state.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/sim/engine';
import { outboxRelayMachine } from '../../../src/sim/machines/outboxRelayMachine';
import { start, step } from '../../../src/sim/machines/pure';
import { parseScenario } from '../../../src/sim/scenario';

const go = (events: string[]) => {
  let snap = start(outboxRelayMachine, undefined as never).snapshot;
  const actions: string[] = [];
  for (const type of events) {
    const r = step(outboxRelayMachine, snap, { type } as never);
    snap = r.snapshot;
    actions.push(...r.commands.map((c) => c.type));
  }
  return { state: snap.value, actions };
};

describe('outbox relay', () => {
  it('publish, ack: the row is deleted', () => {
    expect(go(['PUBLISH', 'STORED'])).toEqual({ state: 'stored', actions: ['publish', 'deleteRow'] });
  });
  it('a lost publish sets a retry timer; the retry publishes again', () => {
    expect(go(['PUBLISH', 'LOST', 'RETRY', 'STORED'])).toEqual({ state: 'stored', actions: ['publish', 'scheduleRetry', 'republish', 'deleteRow'] });
  });
  it('a crash before the ack puts the row back to pending; a late ack still deletes it', () => {
    expect(go(['PUBLISH', 'RESTART'])).toEqual({ state: 'pending', actions: ['publish'] });
    expect(go(['PUBLISH', 'RESTART', 'STORED'])).toEqual({ state: 'stored', actions: ['publish', 'deleteRow'] });
  });
  it('in a run with drops and crashes, outbox rows are pending or in flight and the relay heals every lost publish', () => {
    const sim = new Simulation(parseScenario({ seed: 9, workload: { orders: 40, intervalMs: 30 }, faults: { drop: 0.2, crashAfterCommit: 0.05 }, remedies: { outbox: true, retries: true } }));
    let sawRows = 0;
    while (sim.step()) {
      for (const row of sim.s.order.outbox) {
        expect(['pending', 'inflight']).toContain(row.relay.value);
        sawRows++;
      }
    }
    expect(sawRows).toBeGreaterThan(0);
    expect(sim.report().healed.republished).toBeGreaterThan(0);
    for (const id of ['order', 'payment', 'inventory'] as const) expect(sim.s[id].outbox).toEqual([]);
  });
});
