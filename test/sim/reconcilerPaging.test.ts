/**
 * Reconciliation pages through a large backlog: a round reads at most PAGE_ORDERS orders, oldest
 * first, and the next round goes on where it stopped, so every dirty order is read within a few
 * rounds and a small run reads exactly what it always did.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkInvariants, compareWithReport } from '../../src/sim/checker';
import { Simulation } from '../../src/sim/engine';
import { nextPage, PAGE_ORDERS } from '../../src/sim/reconciler';
import { parseScenario } from '../../src/sim/scenario';
import { ALL_REMEDIES } from '../../src/sim/truthTable';

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `o${from + i}`);

describe('reconciliation paging', () => {
  it('reads every dirty order, in order and untouched, while they fit in one page', () => {
    const dirty = new Set(ids(PAGE_ORDERS));
    expect(nextPage(dirty)).toEqual(ids(PAGE_ORDERS));
    expect([...dirty]).toEqual(ids(PAGE_ORDERS));
  });

  it('reads the oldest page of a bigger backlog and goes on from there the next round', () => {
    const dirty = new Set(ids(PAGE_ORDERS + 10));
    expect(nextPage(dirty)).toEqual(ids(PAGE_ORDERS));
    // The ten it did not reach come first now, then the page it read, oldest of it first.
    expect(nextPage(dirty)).toEqual([...ids(10, PAGE_ORDERS), ...ids(PAGE_ORDERS - 10)]);
    expect(dirty.size).toBe(PAGE_ORDERS + 10);
  });

  it('reaches every dirty order within ceil(size / page) rounds, whatever is added or settled in between', () => {
    fc.assert(
      fc.property(fc.integer({ min: PAGE_ORDERS + 1, max: 4 * PAGE_ORDERS }), fc.array(fc.boolean(), { maxLength: 4 }), (size, settles) => {
        const dirty = new Set(ids(size));
        const waiting = new Set(dirty);
        const rounds = Math.ceil(size / PAGE_ORDERS);
        let added = size;
        for (let r = 0; r < rounds; r++) {
          for (const id of nextPage(dirty)) waiting.delete(id);
          // Orders touched since join at the back; a settled one leaves the set (what act() does).
          dirty.add(`o${added++}`);
          if (settles[r]) dirty.delete([...dirty][0]);
          for (const id of waiting) if (!dirty.has(id)) waiting.delete(id);
        }
        expect([...waiting]).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('still reads orders past the first page in an overloaded run, and the checker agrees with the report', () => {
    // One order per 20 ms with every fault on (the engine bench's shape) outruns the services, so
    // more than a page of orders stays unsettled.
    const sim = new Simulation(
      parseScenario({ seed: 42, workload: { orders: PAGE_ORDERS + 300, intervalMs: 20 }, faults: { drop: 0.05, duplicate: 0.1, reorder: 0.1, crashAfterCommit: 0.01, crashBeforeAck: 0.01, paymentTimeout: 0.1, clientRetry: 0.1, poison: 0.01, clockSkewMs: 300, raceWindowMs: 5 }, remedies: ALL_REMEDIES }),
    );
    let mostDirty = 0;
    while (sim.step()) mostDirty = Math.max(mostDirty, sim.s.dirty.size);
    expect(mostDirty).toBeGreaterThan(PAGE_ORDERS);
    // Orders past the first page were read, found settled and consistent, and left the set.
    const readLate = ids(300, PAGE_ORDERS).filter((id) => sim.s.order.orders.has(id) && !sim.s.dirty.has(id));
    expect(readLate.length).toBeGreaterThan(0);
    const { missed, unbacked } = compareWithReport(checkInvariants(sim), sim.report());
    expect({ missed, unbacked }).toEqual({ missed: [], unbacked: [] });
  });
});
