/**
 * Alert rules: the evaluator's firing and resolving, the default rules against real runs, the
 * orders an alert names, and validation of rules as scenario data.
 */
import { describe, expect, it } from 'vitest';
import { type AlertRule, DEFAULT_ALERT_RULES, evaluateAlerts, parseAlertRules } from '../../src/sim/alerts';
import { Simulation } from '../../src/sim/engine';
import { METRIC_IDS, type MetricSeries } from '../../src/sim/metrics';
import { parseScenario } from '../../src/sim/scenario';
import type { ScenarioInput } from '../../src/sim/types';

function run(input: ScenarioInput, rules?: AlertRule[]): Simulation {
  const sim = new Simulation(parseScenario(input), { metrics: rules ? { alerts: rules } : true });
  sim.runToEnd();
  return sim;
}

/** A synthetic series where only dlq.size has values. */
function seriesOf(dlq: number[]): MetricSeries {
  const columns = METRIC_IDS.map((id) => (id === 'dlq.size' ? dlq : dlq.map(() => 0)));
  return { intervalMs: 100, t: dlq.map((_, i) => i * 100), columns };
}

const rule: AlertRule = { id: 'dlq', title: 'DLQ', metric: 'dlq.size', above: 0, forMs: 200, severity: 'critical' };

describe('evaluation', () => {
  it('fires once the condition has held for forMs, resolves at the first clear sample, and fires again', () => {
    const alerts = evaluateAlerts(seriesOf([0, 1, 1, 1, 2, 0, 0, 3, 3, 3, 3]), [rule]);
    expect(alerts.map((a) => [a.id, a.firedAt, a.resolvedAt, a.value, a.peak])).toEqual([
      ['dlq#1', 300, 500, 1, 2],
      ['dlq#2', 900, null, 3, 3],
    ]);
  });

  it('a blip shorter than forMs never fires', () => {
    expect(evaluateAlerts(seriesOf([0, 1, 1, 0, 1, 0]), [rule])).toEqual([]);
  });

  it('re-evaluating recorded series gives the live firing times', () => {
    const sim = run({ seed: 3, faults: { poison: 0.1 }, durationMs: 20_000 });
    const live = sim.recorder!.alerts.map((a) => [a.id, a.firedAt, a.resolvedAt]);
    const again = evaluateAlerts(sim.recorder!.series, DEFAULT_ALERT_RULES).map((a) => [a.id, a.firedAt, a.resolvedAt]);
    expect(live.length).toBeGreaterThan(0);
    expect(again).toEqual(live);
  });
});

describe('default rules on real runs', () => {
  it('stay quiet on the happy path', () => {
    expect(run({ seed: 1 }).recorder!.alerts).toEqual([]);
  });

  it('a poison message with a DLQ fires "dead-letter queue is not empty", naming the order', () => {
    const sim = run({ seed: 3, faults: { poison: 0.1 }, remedies: { retries: true, deadLetterQueue: true } });
    const first = sim.trace.find((e) => e.kind === 'deadLettered');
    if (first?.kind !== 'deadLettered') throw new Error('expected a dead-lettered message');
    const alert = sim.recorder!.alerts.find((a) => a.ruleId === 'dlq-not-empty');
    expect(alert).toBeDefined();
    // Fired at the first sample after the message moved, naming its order.
    expect(alert!.firedAt).toBe(Math.floor(first.t / 100) * 100 + 100);
    expect(alert!.orderIds[0]).toBe(first.orderId);
    expect(alert!.severity).toBe('critical');
  });

  it('a poison message without remedies fires the failure storm, then the stalled queue and the open-too-long alert', () => {
    const sim = run({ seed: 3, faults: { poison: 0.1 }, durationMs: 20_000 });
    const ids = sim.recorder!.alerts.map((a) => a.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['failure-storm', 'queue-stalled', 'order-open-too-long']));
    const open = sim.recorder!.alerts.find((a) => a.ruleId === 'order-open-too-long')!;
    const view = sim.view();
    // The first order it names had been open for more than the threshold when it fired; the
    // ones added while it kept firing crossed the threshold later, but all of them are open.
    const placed = (id: string) => view.orders.find((x) => x.id === id)!.placedAt;
    expect(open.firedAt - placed(open.orderIds[0])).toBeGreaterThan(5000);
    for (const id of open.orderIds) {
      expect(sim.now - placed(id)).toBeGreaterThan(5000);
      expect(['Shipped', 'Cancelled', 'Refunded']).not.toContain(view.orders.find((x) => x.id === id)!.state);
    }
  });

  it('thresholds are data: a rule from the options replaces the defaults', () => {
    const strict: AlertRule = { id: 'slow', title: 'Any order open for 100 ms', metric: 'orders.oldestPendingMs', above: 100, forMs: 0, severity: 'warning' };
    const sim = run({ seed: 1 }, [strict]);
    expect(sim.recorder!.alerts.length).toBeGreaterThan(0);
    expect(sim.recorder!.alerts.every((a) => a.ruleId === 'slow')).toBe(true);
  });

  it('a scenario carrying an `alerts` field uses its rules', () => {
    const s = { ...parseScenario({ seed: 1 }), alerts: [{ ...rule, id: 'never', metric: 'dlq.size' as const }] };
    const sim = new Simulation(s, { metrics: true });
    sim.runToEnd();
    expect(sim.recorder!.rules.map((r) => r.id)).toEqual(['never']);
  });
});

describe('rules as scenario data', () => {
  it('fills in defaults', () => {
    expect(parseAlertRules([{ id: 'dlq', metric: 'dlq.size', above: 0 }])).toEqual([{ id: 'dlq', title: 'dlq.size above 0', metric: 'dlq.size', above: 0, forMs: 0, severity: 'warning' }]);
  });

  it('accepts the default rules', () => {
    expect(parseAlertRules(JSON.parse(JSON.stringify(DEFAULT_ALERT_RULES)))).toEqual(DEFAULT_ALERT_RULES);
  });

  it.each([
    [{}, 'alerts: must be a list'],
    [[{ id: 'x', metric: 'nope', above: 1 }], 'alerts[0].metric'],
    [[{ id: 'x', metric: 'dlq.size' }], 'alerts[0].above'],
    [[{ id: 'x', metric: 'dlq.size', above: 0, forMs: -1 }], 'alerts[0].forMs'],
    [[{ id: 'x', metric: 'dlq.size', above: 0, severity: 'loud' }], 'alerts[0].severity'],
    [[{ id: 'x', metric: 'dlq.size', above: 0, colour: 'red' }], 'alerts[0].colour'],
    [
      [
        { id: 'x', metric: 'dlq.size', above: 0 },
        { id: 'x', metric: 'dlq.size', above: 1 },
      ],
      'alerts[1].id',
    ],
  ])('rejects %j naming the field', (input, field) => {
    expect(() => parseAlertRules(input)).toThrow(field);
  });

  it("throws the caller's error type", () => {
    class MyError extends Error {}
    expect(() =>
      parseAlertRules(null, (f, p) => {
        throw new MyError(`${f} ${p}`);
      }),
    ).toThrow(MyError);
  });
});
