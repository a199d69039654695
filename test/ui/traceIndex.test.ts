/**
 * The trace index cut back to a prefix must be exactly the index built over that prefix, and
 * synced on again it must be exactly the index over the whole trace: rewinds reuse it this way.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Simulation } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';
import type { TraceEvent } from '../../src/sim/types';
import { TraceIndex } from '../../src/ui/traceIndex';

/** Everything a reader can ask the index, as plain data. */
function dump(ix: TraceIndex, orderIds: string[], trace: readonly TraceEvent[]): unknown {
  const msgs = [...ix.messages.keys()].sort();
  return {
    size: ix.size,
    messages: msgs,
    published: msgs.map((id) => ix.published.get(id)),
    deliveries: msgs.map((id) => ix.deliveries.get(id) ?? []),
    marks: ix.marks,
    controls: ix.controls,
    orders: orderIds.map((o) => ix.eventsOf(o)),
    ordersOf: msgs.map((id) => {
      const m = ix.messages.get(id);
      return m ? ix.ordersOf(m).sort() : null;
    }),
    // Every event the order lists point at exists in the prefix.
    inRange: orderIds.every((o) => ix.eventsOf(o).every((i) => i < trace.length)),
  };
}

/** An index synced over `trace` up to `n` events, linking orders as the player's view does every few events. */
function build(trace: readonly TraceEvent[], n: number, links: [number, string, string][], ix = new TraceIndex()): TraceIndex {
  for (const [at, o, r] of links) {
    if (at > n) break;
    if (at < ix.size) continue;
    ix.sync(trace.slice(0, at));
    ix.linkOrder(o, r);
  }
  ix.sync(trace.slice(0, n));
  return ix;
}

describe('trace index: truncate', () => {
  test('cut back to n events = built over n events; synced on = built over all', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.constantFrom(0, 0.3), fc.constantFrom(0, 0.1), fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 4 }), (seed, dup, crash, cuts) => {
        const s = parseScenario({ seed, workload: { orders: 8 }, faults: { duplicate: dup, crashBeforeAck: crash, drop: 0.05 }, remedies: { outbox: true } });
        const sim = new Simulation(s);
        // Links as a view at the playhead makes them: after an order exists, at some later event count.
        const links: [number, string, string][] = [];
        let lastOrders = 0;
        while (sim.step()) {
          const orders = sim.view().orders;
          if (orders.length !== lastOrders) {
            for (const o of orders.slice(lastOrders)) links.push([sim.trace.length, o.id, o.requestId]);
            lastOrders = orders.length;
          }
        }
        const trace = sim.trace;
        const orderIds = links.map((l) => l[1]);
        const full = dump(build(trace, trace.length, links), orderIds, trace);
        const ix = build(trace, trace.length, links);
        for (const c of cuts) {
          // Per mille of the trace (fast-check's doubles crowd at 0).
          const n = Math.floor((c / 1000) * trace.length);
          ix.truncate(n);
          expect(dump(ix, orderIds, trace.slice(0, n))).toEqual(dump(build(trace, n, links), orderIds, trace.slice(0, n)));
          // The player syncs on after a truncate and the next view links orders again.
          build(trace, trace.length, links, ix);
          expect(dump(ix, orderIds, trace)).toEqual(full);
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('trace index: a series of seeks', () => {
  // The player brings one index back and forth between cut points (a seek cuts it back or syncs it
  // on, never from the start): after each move it must equal an index built fresh over that prefix.
  test('cut back or synced on to random points, one after another = built fresh there', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.constantFrom(0.1, 0.4),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 8 }),
        (seed, dup, targets) => {
          const s = parseScenario({ seed, workload: { orders: 6 }, faults: { duplicate: dup, crashBeforeAck: 0.1, drop: 0.05 }, remedies: { outbox: true } });
          const sim = new Simulation(s);
          const links: [number, string, string][] = [];
          let lastOrders = 0;
          while (sim.step()) {
            const orders = sim.view().orders;
            for (const o of orders.slice(lastOrders)) links.push([sim.trace.length, o.id, o.requestId]);
            lastOrders = orders.length;
          }
          const trace = sim.trace;
          const orderIds = links.map((l) => l[1]);
          const ix = new TraceIndex();
          for (const p of targets) {
            const n = Math.floor((p / 1000) * trace.length);
            if (n < ix.size) ix.truncate(n);
            build(trace, n, links, ix);
            expect(dump(ix, orderIds, trace.slice(0, n))).toEqual(dump(build(trace, n, links), orderIds, trace.slice(0, n)));
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});
