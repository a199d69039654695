/**
 * The "what the remedies did" summary, read off real runs: it credits a remedy only with what
 * the trace and the healed counters show, says "nothing to do" when that is so, and never calls
 * a dead-lettered order healed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';
import type { ScenarioInput } from '../../src/sim/types';
import { MAX_ITEMS, summariseRemedies } from '../../src/ui/remedySummary';

function finish(input: ScenarioInput) {
  const sim = new Simulation(parseScenario(input));
  sim.runToEnd();
  const report = sim.report();
  return { sim, report, lines: summariseRemedies(report, sim.trace) };
}

describe('what each remedy did', () => {
  it('an idempotent consumer is credited with exactly the repeats it skipped', () => {
    const { sim, lines, report } = finish({ seed: 3, faults: { duplicate: 0.3 }, remedies: { idempotentConsumer: true } });
    expect(lines.map((l) => l.remedy)).toEqual(['idempotentConsumer']);
    const skipped = sim.trace.filter((e) => e.kind === 'absorbed' && e.why === 'dedup');
    expect(skipped.length).toBeGreaterThan(0);
    expect(lines[0]).toMatchObject({ tone: 'healed', count: skipped.length });
    expect(lines[0].sentence).toContain(`skipped ${skipped.length} repeated`);
    expect(lines[0].items).toHaveLength(Math.min(MAX_ITEMS, skipped.length));
    expect(lines[0].items.length + lines[0].more).toBe(skipped.length);
    expect(report.healed.duplicatesAbsorbed).toBeGreaterThanOrEqual(skipped.length);
    for (const i of lines[0].items) expect(sim.trace.some((e) => e.kind === 'absorbed' && e.msgId === i.msgId && e.t === i.t)).toBe(true);
  });

  it('a dead-letter queue is visible, not healed, and counts the orders that wait for a human', () => {
    const { lines, report } = finish({ seed: 1, faults: { poison: 0.1 }, remedies: { retries: true, deadLetterQueue: true }, durationMs: 20_000 });
    const dlq = lines.find((l) => l.remedy === 'deadLetterQueue');
    const review = report.orders.filter((o) => o.state === 'RequiresManualReview').length;
    expect(review).toBeGreaterThan(0);
    expect(dlq).toMatchObject({ tone: 'visible', count: report.healed.deadLettered });
    expect(dlq?.caveat).toContain(`Visible, not healed: ${review} order`);
    expect(dlq?.items.every((i) => i.label.includes('dead-lettered'))).toBe(true);
    // Retries only postponed the failure: amber too, saying where the messages went.
    const retries = lines.find((l) => l.remedy === 'retries');
    expect(retries).toMatchObject({ tone: 'visible' });
    expect(retries?.sentence).toMatch(/ 0 of \d+ failing messages went through/);
    expect(retries?.caveat).toContain('went to the dead-letter queue');
  });

  it('remedies with nothing to do say so', () => {
    const { lines } = finish({ seed: 5, remedies: { outbox: true, idempotentConsumer: true, saga: true, reconciliation: true, conditionalUpdate: true } });
    expect(lines).toHaveLength(5);
    for (const l of lines) {
      expect(l).toMatchObject({ tone: 'idle', count: 0, items: [] });
      expect(l.sentence).toMatch(/^On, with nothing to do: /);
    }
  });

  it('preventive remedies say they prevent rather than repair', () => {
    const { lines } = finish({ seed: 5, remedies: { ordering: 'partitionByKey', logicalClocks: true } });
    expect(lines.map((l) => [l.remedy, l.tone])).toEqual([
      ['ordering', 'prevent'],
      ['logicalClocks', 'prevent'],
    ]);
  });

  it('the outbox is credited with the dropped publishes it got through', () => {
    const { sim, lines, report } = finish({ seed: 2, faults: { drop: 0.2 }, remedies: { outbox: true } });
    const outbox = lines[0];
    expect(report.healed.republished).toBeGreaterThan(0);
    expect(outbox.tone).toBe('healed');
    expect(outbox.sentence).toContain(`re-sent ${report.healed.republished} publish`);
    for (const i of outbox.items) expect(sim.trace.some((e) => e.kind === 'drop' && e.msg.id === i.msgId)).toBe(true);
  });

  it('a remedy switched on mid-run is listed with the time it came on', () => {
    const s = parseScenario({ seed: 4, faults: { duplicate: 0.3 }, changes: [{ atMs: 800, path: 'remedies.idempotentConsumer', value: true }] });
    const sim = new Simulation(s);
    sim.runToEnd();
    const lines = summariseRemedies(sim.report(), sim.trace);
    expect(lines).toHaveLength(1);
    expect(lines[0].onFrom).toBe(800);
  });

  it('no remedy on, no lines', () => {
    expect(finish({ seed: 1, faults: { duplicate: 0.2 } }).lines).toEqual([]);
  });
});

describe('across seeds', () => {
  it('credits only what happened, and a dead letter is never called healed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (seed) => {
        const { sim, lines } = finish({
          seed,
          workload: { orders: 10, cancelRatio: 0.2 },
          inventory: { stock: 6 },
          faults: { drop: 0.1, duplicate: 0.2, crashAfterCommit: 0.05, paymentTimeout: 0.2, clientRetry: 0.2, poison: 0.05, raceWindowMs: 20 },
          remedies: { outbox: true, idempotentConsumer: true, idempotencyKey: true, ordering: 'versioned', retries: true, deadLetterQueue: true, saga: true, reconciliation: true, conditionalUpdate: true },
          durationMs: 10_000,
        });
        const ids = new Set(sim.trace.flatMap((e) => ('msgId' in e && e.msgId ? [e.msgId] : 'msg' in e ? [e.msg.id] : [])));
        for (const l of lines) {
          if (l.tone === 'healed') expect(l.count).toBeGreaterThan(0);
          if (l.tone === 'idle') expect(l.items).toEqual([]);
          expect(l.items.length).toBeLessThanOrEqual(MAX_ITEMS);
          if (l.more > 0) expect(l.items).toHaveLength(MAX_ITEMS);
          for (const i of l.items) {
            if (i.msgId) expect(ids.has(i.msgId)).toBe(true);
            expect(i.t).toBeLessThanOrEqual(sim.now);
          }
          if (l.remedy === 'deadLetterQueue') expect(l.tone).not.toBe('healed');
        }
      }),
      { numRuns: 10 },
    );
  });
});
