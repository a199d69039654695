/**
 * Row ownership (rows.ts): checkpoints freeze their rows and restored runs borrow them, copying a
 * row only when they first write it. A chain of checkpoint → restore → go on → checkpoint of the
 * restored run → restore … must stay exactly a fresh run at every link (hash, report, tables, the
 * entities' machine paths), and no write made after a restore may reach any checkpoint taken
 * earlier: each one, restored at the end, still shows its own moment.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Checkpoint, Simulation } from '../../src/sim/engine';
import { own } from '../../src/sim/rows';
import { parseScenario } from '../../src/sim/scenario';
import type { Scenario } from '../../src/sim/types';
import { randomScenario } from './support/randomScenario';

/** Steps `sim` until it has processed `n` events (or ended). */
function stepTo(sim: Simulation, n: number): void {
  while (sim.eventsProcessed < n && sim.step()) {
    /* step */
  }
}

/** The paths every entity's machine has taken, by service and entity. */
function paths(sim: Simulation) {
  const s = sim.s;
  return {
    customer: [...s.customer.requests].map(([id, r]) => [id, r.path.map((e) => `${e.t}:${e.state}`)]),
    inventory: [...s.inventory.paths].map(([id, p]) => [id, p.length]),
    shipping: [...s.shipping.paths].map(([id, p]) => [id, p.length]),
    notification: [...s.notification.paths].map(([id, p]) => [id, p.length]),
  };
}

/** What a run shows at one moment. */
function moment(sim: Simulation) {
  return { hash: sim.traceHash(), now: sim.now, events: sim.eventsProcessed, report: sim.report(), tables: sim.tables(), paths: paths(sim) };
}

/** A fresh run of `scenario` to exactly `events` events. */
function freshAt(scenario: Scenario, events: number): Simulation {
  const sim = new Simulation(scenario);
  stepTo(sim, events);
  return sim;
}

describe('row ownership: copy on first write after a restore', () => {
  it('a chain of restores, each going on and checkpointed again, is a fresh run at every link; no earlier checkpoint changes', () => {
    fc.assert(
      fc.property(
        randomScenario,
        fc.integer({ min: 5, max: 60 }),
        // Events each link goes on before its run is checkpointed again, and which checkpoint the next link restores.
        fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.nat()), { minLength: 1, maxLength: 6 }),
        (input, orders, links) => {
          const scenario = parseScenario({ ...input, workload: { ...input.workload, orders } });
          const first = new Simulation(scenario);
          stepTo(first, links[0][0]);
          const cps: { cp: Checkpoint; want: ReturnType<typeof moment> }[] = [];
          const keep = (cp: Checkpoint) => cps.push({ cp, want: moment(freshAt(scenario, cp.events)) });
          keep(first.checkpoint());
          let run = first;
          for (const [go, pick] of links) {
            // Restore any checkpoint taken so far (an older one too, as a seek back would), go on, checkpoint again.
            const from = cps[pick % cps.length].cp;
            run = Simulation.fromCheckpoint(from);
            stepTo(run, from.events + go);
            expect(moment(run)).toEqual(moment(freshAt(scenario, run.eventsProcessed)));
            keep(run.checkpoint());
          }
          run.runToEnd();
          const fresh = new Simulation(scenario);
          fresh.runToEnd();
          expect(moment(run)).toEqual(moment(fresh));
          // Writes after every restore never reached a checkpoint: each still restores to its moment.
          for (const { cp, want } of cps) expect(moment(Simulation.fromCheckpoint(cp))).toEqual(want);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('the same with tables large enough to be packed in chunks (over 256 rows), restored from a restored run', () => {
    const scenario = parseScenario({ seed: 21, workload: { orders: 320, intervalMs: 10, cancelRatio: 0.2 }, faults: { duplicate: 0.1, reorder: 0.1 }, remedies: { reconciliation: true, outbox: true } });
    const fresh = new Simulation(scenario);
    fresh.runToEnd();
    const end = fresh.eventsProcessed;
    const live = new Simulation(scenario);
    stepTo(live, Math.floor(end * 0.8));
    const older = live.checkpoint();
    const olderWant = moment(freshAt(scenario, older.events));
    expect(live.s.order.orders.size).toBeGreaterThan(256);
    // Back to 80%, on to 90% (writing borrowed rows), checkpointed there, restored again, on to the end.
    const back = Simulation.fromCheckpoint(older);
    stepTo(back, Math.floor(end * 0.9));
    const later = back.checkpoint();
    expect(moment(Simulation.fromCheckpoint(later))).toEqual(moment(freshAt(scenario, later.events)));
    const again = Simulation.fromCheckpoint(later);
    again.runToEnd();
    expect(moment(again)).toEqual(moment(fresh));
    expect(moment(Simulation.fromCheckpoint(older))).toEqual(olderWant);
  });

  it('a restored run borrows the checkpoint rows and copies only those it writes', () => {
    const scenario = parseScenario({ seed: 3, workload: { orders: 40, intervalMs: 30, cancelRatio: 0.3 }, faults: { duplicate: 0.2 }, remedies: { reconciliation: true } });
    const live = new Simulation(scenario);
    live.runUntil(900);
    const cp = live.checkpoint();
    const run = Simulation.fromCheckpoint(cp);
    const borrowed = [...run.s.order.orders.values()];
    expect(borrowed.length).toBeGreaterThan(0);
    // Shared, not copied: the very objects the checkpoint holds, frozen.
    expect(borrowed.every((row) => Object.isFrozen(row) && Object.isFrozen(row.history))).toBe(true);
    expect([...Simulation.fromCheckpoint(cp).s.order.orders.values()]).toEqual(borrowed);
    expect([...Simulation.fromCheckpoint(cp).s.order.orders.values()].every((row, i) => row === borrowed[i])).toBe(true);
    run.runToEnd();
    const written = [...run.s.order.orders.values()].filter((row) => !Object.isFrozen(row));
    expect(written.length).toBeGreaterThan(0);
    // The live run keeps rows of its own, never the checkpoint's.
    expect([...live.s.order.orders.values()].some((row) => Object.isFrozen(row))).toBe(false);
  });

  it('own() hands a frozen row back as a writable copy in its place and leaves the frozen one as it was', () => {
    const history = Object.freeze([Object.freeze({ t: 1, state: 'a' })]);
    const row = Object.freeze({ n: 1, history });
    const table = new Map<string, { n: number; history: readonly { t: number; state: string }[] }>([['x', row]]);
    const mine = own(table, 'x')!;
    expect(mine).not.toBe(row);
    expect(table.get('x')).toBe(mine);
    mine.n = 2;
    (mine.history as { t: number; state: string }[]).push({ t: 2, state: 'b' });
    expect(row).toEqual({ n: 1, history: [{ t: 1, state: 'a' }] });
    // Owned once, it stays: a second call writes the same copy.
    expect(own(table, 'x')).toBe(mine);
    expect(own(table, 'missing')).toBeUndefined();
  });

  it('a write that forgot own() fails loudly instead of changing the checkpoint', () => {
    const live = new Simulation(parseScenario({ seed: 9, workload: { orders: 5, intervalMs: 50 } }));
    live.runUntil(400);
    const run = Simulation.fromCheckpoint(live.checkpoint());
    const row = run.s.order.orders.values().next().value!;
    expect(() => {
      (row as { redrives: number }).redrives = 99;
    }).toThrow(TypeError);
  });
});
