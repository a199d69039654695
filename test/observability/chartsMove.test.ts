/**
 * Every chart in the Signals tab can show something: across a busy run with every fault on, each
 * chart has at least one sample above zero. A chart flat by construction teaches nothing and looks
 * like a broken page. ("Processing time" is 0 for every fault but the race window, because
 * handlers ack in the same virtual instant; the chart says so in its note, checked below.)
 */
import { describe, expect, test } from 'vitest';
import { Simulation } from '../../src/sim/engine';
import { METRIC_IDS } from '../../src/sim/metricCatalog';
import { parseScenario } from '../../src/sim/scenario';
import { CHARTS } from '../../src/ui/observability/chartDefs';

describe('charts', () => {
  test('each chart moves off zero in a run with every fault', () => {
    const sim = new Simulation(
      parseScenario({
        seed: 3,
        workload: { orders: 60, intervalMs: 40, cancelRatio: 0.3, cancelAfterMs: 30 },
        inventory: { stock: 40 },
        faults: { drop: 0.1, duplicate: 0.2, reorder: 0.3, crashAfterCommit: 0.05, crashBeforeAck: 0.05, paymentTimeout: 0.2, clientRetry: 0.2, poison: 0.05, clockSkewMs: 500, raceWindowMs: 30 },
        remedies: { outbox: true, retries: true, deadLetterQueue: true, saga: true },
        durationMs: 30_000,
      }),
      { metrics: true },
    );
    sim.runToEnd();
    const series = sim.recorder!.series;
    const flat = CHARTS.filter((c) => !c.series.some((s) => series.columns[METRIC_IDS.indexOf(s.metric)].some((v) => (v ?? 0) > 0))).map((c) => c.id);
    expect(flat).toEqual([]);
  });

  test('the processing-time chart says why it is usually flat, and the race window is what moves it', () => {
    expect(CHARTS.find((c) => c.id === 'processing')?.note).toContain('race for the last item');
    const max = (faults: Record<string, number>) => {
      const sim = new Simulation(parseScenario({ seed: 3, workload: { orders: 40, intervalMs: 40 }, faults }), { metrics: true });
      sim.runToEnd();
      return Math.max(...(sim.recorder!.series.columns[METRIC_IDS.indexOf('consumer.processingMaxMs')] as number[]));
    };
    expect(max({ duplicate: 0.3, crashBeforeAck: 0.1, paymentTimeout: 0.3 })).toBe(0);
    expect(max({ raceWindowMs: 30 })).toBeGreaterThan(0);
  });
});
