/**
 * What the charts highlight agrees with the engine's ground truth, across seeds and faults: an
 * order's path is its history, its current state its state; a service's current state is its
 * status, and the crashes counted on the CRASH transition are the crashes in the trace.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Simulation } from '../../src/sim/engine';
import { orderMachine } from '../../src/sim/machines/orderMachine';
import { serviceMachine } from '../../src/sim/machines/serviceMachine';
import { parseScenario } from '../../src/sim/scenario';
import type { Message } from '../../src/sim/types';
import { orderCounts, orderStatus, serviceStatus } from '../../src/ui/statechart/chartStatus';
import { machineToGraph } from '../../src/ui/statechart/machineGraph';

const ORDER = machineToGraph(orderMachine);
const SERVICE = machineToGraph(serviceMachine);

function runTo(seed: number, crash: number, saga: boolean, stock: number, frac: number): Simulation {
  const s = parseScenario({ seed, workload: { orders: 10, cancelRatio: 0.2 }, inventory: { stock }, faults: { crashAfterCommit: crash, crashBeforeAck: crash / 2 }, remedies: { saga, outbox: true } });
  const sim = new Simulation(s);
  sim.runUntil(frac * 3000);
  return sim;
}

describe('chart status from the trace', () => {
  test('paths, current states and crash counts agree with the engine', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 0.1, noNaN: true }), fc.boolean(), fc.integer({ min: 1, max: 12 }), fc.double({ min: 0.1, max: 1, noNaN: true }), (seed, crash, saga, stock, frac) => {
        const sim = runTo(seed, crash, saga, stock, frac);
        const view = sim.view();
        const messages = new Map<string, Message>();
        for (const e of sim.trace) if (e.kind === 'publish') messages.set(e.msg.id, e.msg);
        for (const o of view.orders) {
          const st = orderStatus(
            ORDER,
            sim.trace.filter((e) => 'orderId' in e && e.orderId === o.id),
            (id) => messages.get(id)?.type ?? null,
          );
          expect(st.path.map((p) => p.state)).toEqual(o.history.map((h) => `order.${h.state}`));
          expect([...st.active]).toEqual([`order.${o.state}`]);
          // Every step after the first is a transition of the machine's definition.
          for (const p of st.path.slice(1)) {
            if (!p.transition) continue;
            expect(p.transition.target).toBe(p.state);
          }
        }
        const counts = orderCounts(ORDER, view);
        expect([...counts.counts.values()].reduce((a, b) => a + b, 0)).toBe(view.orders.length);
        for (const id of Object.keys(view.services) as (keyof typeof view.services)[]) {
          const st = serviceStatus(SERVICE, id, view, sim.trace);
          expect([...st.active]).toEqual([`service.${view.services[id].status}`]);
          const crashes = sim.trace.filter((e) => e.kind === 'crash' && e.service === id).length;
          const hits = [...(st.faultHits.get('service.up:CRASH:0')?.values() ?? [])].reduce((a, b) => a + b, 0);
          expect(hits).toBe(crashes);
        }
      }),
      { numRuns: 25 },
    );
  });

  test('a step whose cause is known names its event, and the saga branch names its guard', () => {
    const sim = runTo(3, 0, true, 2, 1);
    const messages = new Map<string, Message>();
    for (const e of sim.trace) if (e.kind === 'publish') messages.set(e.msg.id, e.msg);
    const refunded = sim.view().orders.filter((o) => o.history.some((h) => h.state === 'RefundPending'));
    expect(refunded.length).toBeGreaterThan(0);
    for (const o of refunded) {
      const st = orderStatus(
        ORDER,
        sim.trace.filter((e) => 'orderId' in e && e.orderId === o.id),
        (id) => messages.get(id)?.type ?? null,
      );
      const step = st.path.find((p) => p.state === 'order.RefundPending');
      expect(step?.transition?.guard).toBe('saga');
      expect(['STOCK_REJECTED', 'CANCEL', 'PAYMENT_CAPTURED', 'SHIPMENT_FAILED']).toContain(step?.transition?.event);
    }
  });
});
