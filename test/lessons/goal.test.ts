/** Goal predicates over a report, and the facts they read. */
import { describe, expect, it } from 'vitest';
import { readFacts } from '../../src/lessons/facts';
import { evaluateGoal, parseGoal } from '../../src/lessons/goal';
import { ANOMALY_KINDS } from '../../src/sim/catalog';
import { parseScenario } from '../../src/sim/scenario';
import type { AnomalyKind, Report } from '../../src/sim/types';

/** A hand-made report: only the fields goals read need to be realistic. */
function fakeReport(opts: { anomalies?: Partial<Record<AnomalyKind, number>>; scenario?: unknown; states?: string[] } = {}): Report {
  const anomalies = Object.fromEntries(ANOMALY_KINDS.map((k) => [k, { count: opts.anomalies?.[k] ?? 0, orders: [] }])) as unknown as Report['anomalies'];
  return {
    scenario: parseScenario(opts.scenario ?? {}),
    traceHash: '0',
    endTimeMs: 1000,
    quiescent: true,
    orders: (opts.states ?? ['Shipped', 'Shipped', 'Cancelled']).map((state, i) => ({ id: `o${i}`, requestId: `r${i}`, state, anomalies: [] })) as Report['orders'],
    anomalies,
    anomalyList: [],
    healed: { duplicatesAbsorbed: 3, republished: 0, buffered: 0, compensated: 0, reconciled: 0, deadLettered: 0 },
    ledger: { charged: 80, refunded: 0, charges: 2, refunds: 0 },
    stock: { initial: 100, available: 98, reserved: 0, shipped: 2 },
    metrics: { published: 1, delivered: 1, dropped: 0, duplicated: 0, crashes: 0, retries: 0, emails: 0, events: 1 },
  };
}

describe('readFacts', () => {
  it('adds up anomalies and counts orders by state', () => {
    const f = readFacts(fakeReport({ anomalies: { doubleCharge: 2, stuck: 1 } }));
    expect(f['anomalies.total']).toBe(3);
    expect(f['anomalies.doubleCharge']).toBe(2);
    expect(f['orders.Shipped']).toBe(2);
    expect(f['orders.Cancelled']).toBe(1);
    expect(f['orders.Refunded']).toBe(0);
    expect(f['orders.total']).toBe(3);
  });

  it('reads controls as in force at the end, after mid-run changes', () => {
    const f = readFacts(
      fakeReport({ scenario: { faults: { duplicate: 0.3 }, changes: [{ atMs: 10, path: 'remedies.outbox', value: true }, { atMs: 20, path: 'faults.duplicate', value: 0 }] } }),
    );
    expect(f['remedies.outbox']).toBe(true);
    expect(f['faults.duplicate']).toBe(0);
  });
});

describe('evaluateGoal', () => {
  const goal = parseGoal(
    {
      text: 'No anomalies while duplicates stay on.',
      all: [
        { fact: 'anomalies.total', max: 0 },
        { fact: 'faults.duplicate', min: 0.3 },
        { any: [{ fact: 'remedies.ordering', equals: 'partitionByKey' }, { fact: 'remedies.ordering', equals: 'versioned' }] },
      ],
    },
    'test',
  );

  it('passes only when every condition holds', () => {
    const ok = evaluateGoal(goal, fakeReport({ scenario: { faults: { duplicate: 0.3 }, remedies: { ordering: 'versioned' } } }));
    expect(ok.ok).toBe(true);
    const bad = evaluateGoal(goal, fakeReport({ anomalies: { inventoryDrift: 1 }, scenario: { faults: { duplicate: 0.3 }, remedies: { ordering: 'versioned' } } }));
    expect(bad.ok).toBe(false);
    expect(bad.children?.[0]).toMatchObject({ ok: false, actual: '1', label: 'Anomalies of any kind: none' });
    expect(bad.children?.[1]).toMatchObject({ ok: true, actual: '30%', label: 'Duplicate delivery: at least 30%' });
  });

  it('needs one child of an any-group', () => {
    const r = evaluateGoal(goal, fakeReport({ scenario: { faults: { duplicate: 0.5 } } }));
    expect(r.ok).toBe(false);
    expect(r.children?.[2]).toMatchObject({ ok: false, group: 'any' });
  });

  it('rejects malformed goals with the field named', () => {
    expect(() => parseGoal({ all: [] }, 'L')).toThrow(/field "goal\.text"/);
    expect(() => parseGoal({ text: 't', all: [] }, 'L')).toThrow(/field "goal\.all" must be a non-empty list/);
    expect(() => parseGoal({ text: 't', fact: 'anomalies.total' }, 'L')).toThrow(/field "goal" needs at least one of min, max or equals/);
    expect(() => parseGoal({ text: 't', fact: 'anomalies.total', min: 2, max: 1 }, 'L')).toThrow(/can never hold/);
    expect(() => parseGoal({ text: 't', all: [{ fact: 'anomalies.total', max: '0' }] }, 'L')).toThrow(/field "goal\.all\[0\]\.max" must be a number/);
  });
});
