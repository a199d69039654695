/**
 * What the charts highlight agrees with the engine's ground truth, across seeds and faults: an
 * order's path is its history, its current state its state; a service's current state is its
 * status, and the crashes counted on each crash branch of the consumer loop are the trace's
 * crashes with that `why`.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Simulation } from '../../src/sim/engine';
import { consumerMachine } from '../../src/sim/machines/consumerMachine';
import { orderMachine } from '../../src/sim/machines/orderMachine';
import { eventOf, ServiceRuntime } from '../../src/sim/runtime';
import { parseScenario } from '../../src/sim/scenario';
import type { Message, ServiceId } from '../../src/sim/types';
import { orderCounts, orderStatus, serviceStatus } from '../../src/ui/statechart/chartStatus';
import { machineToGraph } from '../../src/ui/statechart/machineGraph';

const ORDER = machineToGraph(orderMachine);
const CONSUMER = machineToGraph(consumerMachine);

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
          const st = serviceStatus(CONSUMER, id, sim.s[id].process, sim.trace);
          expect([...st.active]).toEqual([`consumer.${view.services[id].status}`]);
          for (const why of ['crashAfterCommit', 'crashBeforeAck'] as const) {
            const crashes = sim.trace.filter((e) => e.kind === 'crash' && e.service === id && e.why === why).length;
            // Summed over every branch: each crash is counted once, on a branch guarded by its own `why`.
            let hits = 0;
            for (const [tid, byFault] of st.faultHits) {
              const t = CONSUMER.transitions.find((x) => x.id === tid);
              expect(t?.target).toBe('consumer.down');
              if (byFault.has(why)) expect(t?.guard).toBe(why);
              hits += byFault.get(why) ?? 0;
            }
            expect(hits).toBe(crashes);
          }
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

/** Every time a consumer loop went from `up` to `down`: which service, on which event, for which guard. */
const truth: { svc: ServiceId; event: string; why: string }[] = [];

describe('crash branches against the consumer loop itself', () => {
  // The loop's private `decide` is the one place a branch is taken; watching it gives the ground
  // truth the chart (which reads only the trace) must agree with.
  // It receives the delivery's facts as an integer; `eventOf` spells the event XState is given.
  const proto = ServiceRuntime.prototype as unknown as { decide: (this: ServiceRuntime, facts: number, job: unknown) => void };
  const original = proto.decide;
  beforeAll(() => {
    proto.decide = function (facts, job) {
      const ev = eventOf(facts) as { type: string; crash?: string };
      const before = this.process.value;
      original.call(this, facts, job);
      if (before === 'up' && this.process.value === 'down') truth.push({ svc: this.id, event: ev.type, why: ev.crash === 'afterCommit' ? 'crashAfterCommit' : 'crashBeforeAck' });
    };
  });
  afterAll(() => {
    proto.decide = original;
  });

  test('each crash is counted on the event and guarded branch it really took, and the last guard is named', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0.01, max: 0.15, noNaN: true }), fc.integer({ min: 0, max: 60 }), fc.boolean(), (seed, crash, race, outbox) => {
        truth.length = 0;
        const s = parseScenario({
          seed,
          workload: { orders: 12 },
          faults: { crashAfterCommit: crash, crashBeforeAck: crash, raceWindowMs: race },
          remedies: { saga: true, outbox, idempotentConsumer: true, ordering: outbox ? 'versioned' : 'none' },
        });
        const sim = new Simulation(s);
        sim.runUntil(4000);
        for (const id of Object.keys(sim.view().services) as ServiceId[]) {
          const st = serviceStatus(CONSUMER, id, sim.s[id].process, sim.trace);
          const expected = new Map<string, number>();
          for (const c of truth.filter((x) => x.svc === id)) {
            const t = CONSUMER.transitions.find((x) => x.source === 'consumer.up' && x.event === c.event && x.guard === c.why);
            expect(t).toBeDefined();
            expected.set(t!.id, (expected.get(t!.id) ?? 0) + 1);
            seen.add(t!.id);
          }
          const counted = new Map([...st.faultHits].map(([tid, byFault]) => [tid, [...byFault.values()].reduce((a, b) => a + b, 0)]));
          expect(counted).toEqual(expected);
          const lastCrash = sim.trace.filter((e) => (e.kind === 'crash' || e.kind === 'restart') && e.service === id).at(-1);
          if (lastCrash?.kind === 'crash') {
            expect(st.last?.transition.guard).toBe(lastCrash.why);
            expect(st.last?.guard).toContain(`guard ${lastCrash.why} was true`);
          } else if (lastCrash?.kind === 'restart') expect(st.last?.transition.event).toBe('RESTART');
        }
      }),
      { numRuns: 30 },
    );
    // The property above would be hollow if no run reached these branches.
    expect([...seen].sort()).toEqual(['consumer.up:DELIVER:6', 'consumer.up:DELIVER:7', 'consumer.up:FINISH:1', 'consumer.up:FINISH:2', 'consumer.up:LOCAL:0']);
  });
});
