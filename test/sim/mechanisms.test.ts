/**
 * One test per mechanism, each read off the trace: the partition log, redelivery, dead-lettering,
 * the outbox relay, dedup, version buffering, idempotency keys, compare-and-set, Lamport clocks,
 * saga compensation and reconciliation.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';
import type { ScenarioInput, TraceEvent } from '../../src/sim/types';

function run(input: ScenarioInput): Simulation {
  const sim = new Simulation(parseScenario(input));
  sim.runToEnd();
  return sim;
}

const of = <K extends TraceEvent['kind']>(sim: Simulation, kind: K) => sim.trace.filter((e): e is Extract<TraceEvent, { kind: K }> => e.kind === kind);

describe('bus', () => {
  it('with keyed partitions, one order’s messages arrive in publish order even when held up in transit', () => {
    const sim = run({ seed: 4, faults: { reorder: 0.6 }, remedies: { ordering: 'partitionByKey' } });
    const published = new Map<string, string[]>();
    const delivered = new Map<string, string[]>();
    for (const e of sim.trace) {
      if (e.kind === 'publish' && e.msg.topic === 'order.events') {
        const k = e.msg.key;
        published.set(k, [...(published.get(k) ?? []), e.msg.id]);
      }
      if (e.kind === 'deliver' && e.topic === 'order.events' && e.to === 'analytics') {
        const m = sim.s.messages.get(e.msgId)!;
        delivered.set(m.key, [...(delivered.get(m.key) ?? []), e.msgId]);
      }
    }
    expect(published.size).toBe(20);
    expect(of(sim, 'publish').some((p) => p.deliverAt - p.t > 40)).toBe(true); // some really were held up
    for (const [k, ids] of published) expect(delivered.get(k), k).toEqual(ids);
  });

  it('without keys, a held-up message is overtaken', () => {
    const sim = run({ seed: 4, faults: { reorder: 0.6 } });
    let overtaken = 0;
    const seqSeen = new Map<string, number>();
    for (const e of of(sim, 'deliver')) {
      if (e.to !== 'analytics' || e.topic !== 'order.events') continue;
      const m = sim.s.messages.get(e.msgId)!;
      if (m.seq < (seqSeen.get(m.key) ?? 0)) overtaken++;
      seqSeen.set(m.key, Math.max(m.seq, seqSeen.get(m.key) ?? 0));
    }
    expect(overtaken).toBeGreaterThan(0);
  });

  it('a consumer that dies before acking gets the same message again after restart', () => {
    const sim = run({ seed: 2, faults: { crashBeforeAck: 0.2 } });
    const crash = of(sim, 'crash').find((c) => c.msgId)!;
    const again = of(sim, 'deliver').filter((d) => d.msgId === crash.msgId && d.to === crash.service);
    expect(again.length).toBeGreaterThanOrEqual(2);
    expect(again.at(-1)!.attempt).toBeGreaterThan(1);
    expect(again.at(-1)!.t).toBeGreaterThanOrEqual(crash.t + 300);
  });

  it('a poison message is retried in a hot loop without remedies, and dead-lettered after 5 attempts with a DLQ', () => {
    const hot = run({ seed: 3, faults: { poison: 0.2 }, durationMs: 3000 });
    const fails = of(hot, 'handlerFailed');
    expect(fails.length).toBeGreaterThan(50);
    expect(fails.every((f) => f.retryAt === null || f.retryAt - f.t === 10)).toBe(true);
    const dlq = run({ seed: 3, faults: { poison: 0.2 }, remedies: { deadLetterQueue: true, retries: true } });
    const dead = of(dlq, 'deadLettered');
    expect(dead.length).toBeGreaterThan(0);
    for (const d of dead) {
      expect(of(dlq, 'handlerFailed').filter((f) => f.msgId === d.msgId).length).toBe(4);
      expect(dlq.s.order.orders.get(d.orderId!)!.state).toBe('RequiresManualReview');
    }
  });

  it('orders queued behind a poison message are explained as head-of-line blocking', () => {
    const sim = run({ seed: 1, faults: { poison: 0.2 }, durationMs: 20_000 });
    const lost = sim.report().anomalyList.filter((a) => a.kind === 'lostOrder');
    expect(lost.some((a) => /head-of-line blocking/.test(a.explanation))).toBe(true);
    expect(lost.some((a) => /poison message/.test(a.explanation))).toBe(true);
  });
});

describe('remedies', () => {
  it('the outbox republishes a dropped event until the broker has it', () => {
    const sim = run({ seed: 6, faults: { drop: 0.3 }, remedies: { outbox: true } });
    const dropped = of(sim, 'drop').map((d) => d.msg.id);
    expect(dropped.filter((x) => sim.s.messages.get(x)!.from !== 'customer').length).toBeGreaterThan(0);
    for (const id of dropped.filter((x) => sim.s.messages.get(x)!.from !== 'customer')) {
      expect(of(sim, 'publish').some((p) => p.msg.id === id && p.via === 'outbox')).toBe(true);
    }
    expect(sim.report().healed.republished).toBeGreaterThan(0);
  });

  it('an idempotent consumer skips a repeated message id', () => {
    const sim = run({ seed: 7, faults: { duplicate: 0.5 }, remedies: { idempotentConsumer: true } });
    const absorbed = of(sim, 'absorbed').filter((a) => a.why === 'dedup');
    expect(absorbed.length).toBeGreaterThan(0);
    expect(sim.report().healed.duplicatesAbsorbed).toBeGreaterThanOrEqual(absorbed.length);
  });

  it('versioned ordering buffers an early message and handles it once the gap is filled', () => {
    const sim = run({ seed: 8, faults: { reorder: 0.6 }, workload: { cancelRatio: 0.5, cancelAfterMs: 30 }, remedies: { ordering: 'versioned', saga: true } });
    const buffered = of(sim, 'buffered');
    expect(buffered.length).toBeGreaterThan(0);
    expect(sim.report().anomalyList).toEqual([]);
  });

  it('an idempotency key makes the provider return the first charge on a retry', () => {
    const sim = run({ seed: 9, faults: { paymentTimeout: 0.5 }, remedies: { retries: true, idempotencyKey: true } });
    const replays = of(sim, 'charge').filter((c) => c.replayed);
    expect(replays.length).toBeGreaterThan(0);
    for (const o of sim.s.order.orders.values()) expect((sim.s.provider.byOrder.get(o.id) ?? []).length).toBeLessThanOrEqual(1);
  });

  it('compare-and-set notices a concurrent write and decides on fresh stock', () => {
    const sim = run({ seed: 5, faults: { raceWindowMs: 40 }, inventory: { stock: 5 }, workload: { intervalMs: 10 }, remedies: { conditionalUpdate: true, saga: true } });
    expect(of(sim, 'stock').some((s) => s.why.startsWith('compare-and-set failed'))).toBe(true);
    expect(sim.s.inventory.lostUpdates).toEqual([]);
    expect(sim.s.inventory.promised).toBeLessThanOrEqual(5);
  });

  it('Lamport clocks order causally later events after earlier ones', () => {
    const sim = run({ seed: 1 });
    for (const o of sim.s.order.orders.values()) {
      const lamports = of(sim, 'publish')
        .filter((p) => p.msg.orderId === o.id && p.msg.topic === 'order.events')
        .map((p) => p.msg.lamport);
      expect(lamports).toEqual([...lamports].sort((a, b) => a - b));
    }
  });

  it('saga compensation refunds a paid order that ran out of stock', () => {
    const sim = run({ seed: 1, inventory: { stock: 5 }, remedies: { saga: true } });
    const refunded = [...sim.s.order.orders.values()].filter((o) => o.state === 'Refunded');
    expect(refunded.length).toBe(15);
    for (const o of refunded) expect(sim.s.provider.held(o.id)).toBe(0);
    expect(sim.report().healed.compensated).toBeGreaterThanOrEqual(15);
  });

  it('reconciliation refunds money a cancelled order still holds', () => {
    const without = run({ seed: 11, faults: { paymentTimeout: 0.5 } });
    expect(without.report().anomalies.paidNotFulfilled.count).toBeGreaterThan(0);
    const withRecon = run({ seed: 11, faults: { paymentTimeout: 0.5 }, remedies: { reconciliation: true } });
    expect(withRecon.report().anomalies.paidNotFulfilled.count).toBe(0);
    expect(of(withRecon, 'reconcile').length).toBeGreaterThan(0);
  });
});
