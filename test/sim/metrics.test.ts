/**
 * The metrics recorder against the engine's ground truth: each metric moves as the system's
 * own tables say it should, at every sample; recording never changes a run; and a run sliced
 * the way the UI slices it records exactly what an uninterrupted run records.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation, seek } from '../../src/sim/engine';
import { column, MAX_SAMPLES, METRIC_IDS, type MetricId } from '../../src/sim/metrics';
import { parseScenario } from '../../src/sim/scenario';
import { ALL_REMEDIES } from '../../src/sim/truthTable';
import type { Scenario, ScenarioInput } from '../../src/sim/types';

function scenario(input: ScenarioInput): Scenario {
  return parseScenario(input);
}

function recorded(s: Scenario): Simulation {
  const sim = new Simulation(s, { metrics: true });
  sim.runToEnd();
  return sim;
}

/** Sample values of one metric, keyed by sample time. */
function values(sim: Simulation, id: MetricId): [number, number | null][] {
  const r = sim.recorder!;
  const col = column(r.series, id);
  return r.series.t.map((t, i) => [t, col[i]]);
}

const poisonDlq = scenario({ seed: 3, faults: { poison: 0.1 }, remedies: { retries: true, deadLetterQueue: true } });
const poisonNoRemedy = scenario({ seed: 3, faults: { poison: 0.1 }, durationMs: 20_000 });
const lostOrders = scenario({ seed: 3, faults: { crashAfterCommit: 0.15 } });
const busy = scenario({
  seed: 5,
  workload: { orders: 30, intervalMs: 40, cancelRatio: 0.2 },
  inventory: { stock: 20 },
  faults: { drop: 0.1, duplicate: 0.2, reorder: 0.2, crashAfterCommit: 0.05, paymentTimeout: 0.2, clientRetry: 0.2, poison: 0.03, clockSkewMs: 300, raceWindowMs: 10 },
  remedies: ALL_REMEDIES,
});

describe('recording never changes a run', () => {
  it('gives the same trace hash with and without metrics, for any seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const s = { ...busy, seed };
        const plain = new Simulation(s);
        plain.runToEnd();
        const withMetrics = recorded(s);
        expect(withMetrics.traceHash()).toBe(plain.traceHash());
        expect(withMetrics.report().anomalyList).toEqual(plain.report().anomalyList);
      }),
      { numRuns: 8 },
    );
  });

  it('records the same samples and alerts when run in slices, as the UI does', () => {
    const whole = recorded(busy);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 30 }), (steps) => {
        const sliced = new Simulation(busy, { metrics: true });
        let i = 0;
        while (!sliced.done) sliced.runUntil(sliced.now + steps[i++ % steps.length] + 0.5);
        sliced.runToEnd();
        expect(sliced.recorder!.series).toEqual(whole.recorder!.series);
        expect(sliced.recorder!.alerts).toEqual(whole.recorder!.alerts);
      }),
      { numRuns: 10 },
    );
  });

  it('samples on a fixed grid, every column as long as the time axis', () => {
    const sim = recorded(busy);
    const { t, columns } = sim.recorder!.series;
    expect(columns).toHaveLength(METRIC_IDS.length);
    for (let i = 0; i < t.length; i++) expect(t[i]).toBe(i * 100);
    for (const c of columns) expect(c).toHaveLength(t.length);
    expect(t[t.length - 1]).toBeLessThan(sim.now);
    expect(t[t.length - 1]).toBeGreaterThanOrEqual(sim.now - 100);
  });

  it('thins a long run instead of growing without bound', () => {
    // 45 s at 1 ms would be 45,000 samples: thinned at 20,000 (to 2 ms) and again (to 4 ms).
    const sim = new Simulation({ ...poisonNoRemedy, durationMs: 45_000 }, { metrics: { intervalMs: 1 } });
    sim.runToEnd();
    const r = sim.recorder!;
    expect(r.intervalMs).toBe(4);
    expect(r.series.intervalMs).toBe(4);
    expect(r.series.t.length).toBeLessThanOrEqual(MAX_SAMPLES);
    expect(r.series.t.length).toBeGreaterThan(MAX_SAMPLES / 2);
    for (let i = 0; i < r.series.t.length; i++) expect(r.series.t[i]).toBe(i * r.intervalMs);
    for (const c of r.series.columns) expect(c).toHaveLength(r.series.t.length);
  });
});

describe('each metric follows the truth', () => {
  it('DLQ size equals the messages dead-lettered so far, at every sample', () => {
    const sim = recorded(poisonDlq);
    const dead = sim.trace.filter((e) => e.kind === 'deadLettered').map((e) => e.t);
    expect(dead.length).toBeGreaterThan(0);
    for (const [t, v] of values(sim, 'dlq.size')) expect(v, `at ${t}`).toBe(dead.filter((d) => d <= t).length);
  });

  it('queue depth, orders per state and open orders match the engine view at sample times', () => {
    const sim = recorded(busy);
    const times = sim.recorder!.series.t.filter((_, i) => i % 7 === 3);
    for (const t of times) {
      const v = seek(busy, t).view();
      const i = sim.recorder!.series.t.indexOf(t);
      const at = (id: MetricId) => column(sim.recorder!.series, id)[i];
      expect(at('queue.depth'), `depth at ${t}`).toBe(v.partitions.reduce((a, p) => a + p.depth, 0));
      expect(at('dlq.size')).toBe(v.dlq.length);
      for (const state of ['PendingPayment', 'Confirmed', 'Shipped', 'Cancelled'] as const) {
        expect(at(`orders.state.${state}`), `${state} at ${t}`).toBe(v.orders.filter((o) => o.state === state).length);
      }
      const open = v.orders.filter((o) => !['Shipped', 'Cancelled', 'Refunded', 'RequiresManualReview'].includes(o.state));
      expect(at('orders.open')).toBe(open.length);
      const oldest = open.length ? t - Math.min(...open.map((o) => o.placedAt)) : 0;
      expect(at('orders.oldestPendingMs')).toBe(oldest);
      const dashBehind = v.orders.filter((o) => v.readModel[o.id] !== o.state).length;
      expect(at('readModel.behind'), `dashboard at ${t}`).toBe(dashBehind);
    }
  });

  it('stuck-order count matches the stuck and lost-order detectors when the run ends', () => {
    // A run cut off by durationMs: both sides judge by age (stuckAfterMs).
    const cut = recorded(poisonNoRemedy);
    const r = cut.report();
    expect(r.quiescent).toBe(false);
    const flagged = r.anomalies.stuck.count + r.anomalies.lostOrder.count;
    expect(flagged).toBeGreaterThan(0);
    expect(cut.recorder!.current(cut.now)['orders.stuck']).toBe(flagged);
    expect(cut.recorder!.last('orders.stuck')).toBe(flagged);
    // A run that went quiet: the detectors call every open order stuck; the team sees them open.
    const quiet = recorded(lostOrders);
    const q = quiet.report();
    expect(q.quiescent).toBe(true);
    expect(quiet.recorder!.current(quiet.now)['orders.open']).toBe(q.anomalies.stuck.count + q.anomalies.lostOrder.count);
  });

  it('stuck in PendingPayment counts only orders waiting for payment past the limit', () => {
    const sim = recorded(poisonNoRemedy);
    const cutoff = sim.now - poisonNoRemedy.stuckAfterMs;
    const expected = sim.view().orders.filter((o) => o.state === 'PendingPayment' && o.placedAt <= cutoff).length;
    expect(sim.recorder!.current(sim.now)['orders.stuckPendingPayment']).toBe(expected);
  });

  it('outbox backlog builds up under faults and returns to 0 at quiescence', () => {
    const s = scenario({ seed: 4, faults: { drop: 0.3, crashAfterCommit: 0.1 }, remedies: { outbox: true, idempotentConsumer: true } });
    const sim = recorded(s);
    expect(sim.report().quiescent).toBe(true);
    const backlog = values(sim, 'outbox.backlog').map(([, v]) => v ?? 0);
    expect(Math.max(...backlog)).toBeGreaterThan(0);
    expect(sim.recorder!.current(sim.now)['outbox.backlog']).toBe(0);
  });

  it('the dashboard lag at the end matches the read-model drift detector', () => {
    const sim = recorded(lostOrders);
    const drift = sim.report().anomalies.readModelDrift.count;
    expect(drift).toBeGreaterThan(0);
    expect(sim.recorder!.current(sim.now)['readModel.behind']).toBe(drift);
    const lag = values(sim, 'readModel.oldestLagMs').map(([, v]) => v ?? 0);
    // A difference that never heals grows by one interval per sample at the end.
    expect(lag[lag.length - 1] - lag[lag.length - 2]).toBe(100);
  });

  it('payments captured for orders still waiting match the Payment and Order tables', () => {
    const sim = recorded(lostOrders);
    const v = sim.view();
    const expected = v.orders.filter((o) => o.state === 'PendingPayment' && (sim.s.payment.byOrder.get(o.id) ?? []).some((p) => p.status === 'captured')).length;
    expect(expected).toBeGreaterThan(0);
    expect(sim.recorder!.current(sim.now)['payments.capturedNotConfirmed']).toBe(expected);
  });

  it('failures, retries and handled rates add up to the engine counters', () => {
    const sim = recorded(poisonDlq);
    const sum = (id: MetricId) => values(sim, id).reduce((a, [, v]) => a + (v ?? 0) / 10, 0);
    const lastSample = sim.recorder!.series.t.at(-1)!;
    const inTrace = (kind: string) => sim.trace.filter((e) => e.kind === kind && e.t <= lastSample).length;
    expect(Math.round(sum('consumer.failuresPerSec'))).toBe(inTrace('handlerFailed'));
    expect(Math.round(sum('consumer.handledPerSec'))).toBe(inTrace('ack'));
    expect(Math.round(sum('consumer.retriesPerSec'))).toBeGreaterThan(0);
  });

  it('a poison message shows up as consumer lag on its topic', () => {
    const sim = recorded(poisonNoRemedy);
    const lag = values(sim, 'queue.oldestAgeMs').map(([, v]) => v ?? 0);
    expect(Math.max(...lag)).toBeGreaterThan(5000);
    const worst = (['payment.commands', 'inventory.commands', 'shipping.commands'] as const).map((t) => Math.max(...values(sim, `queue.lagMs.${t}`).map(([, v]) => v ?? 0)));
    expect(Math.max(...worst)).toBe(Math.max(...lag));
  });
});
