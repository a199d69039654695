/**
 * The checker ↔ report comparison: a broken rule with no anomaly naming its order is missed, an
 * anomaly with no broken rule behind it is unbacked, and a match needs the right kind and order.
 */
import { describe, expect, it } from 'vitest';
import { ANOMALIES_FOR, compareWithReport, INVARIANTS, type Violation } from '../../../src/sim/checker';
import { ANOMALY_KINDS } from '../../../src/sim/catalog';

const stuck: Violation = { invariant: 'ordersEnd', orderIds: ['o3'], sentence: 'Order o3 is still Confirmed.' };
const vanished: Violation = { invariant: 'requestAnswered', orderIds: [], requestIds: ['r4'], sentence: 'Customer request r4 was never answered and no order exists for it.' };

describe('compareWithReport', () => {
  it('matches a violation with an anomaly of a mapped kind naming the same order', () => {
    const r = compareWithReport([stuck], { anomalyList: [{ kind: 'stuck', orderIds: ['o3'], explanation: '' }] });
    expect(r).toEqual({ missed: [], unbacked: [] });
  });

  it('reports a violation as missed when the anomaly names another order or has the wrong kind', () => {
    const other = compareWithReport([stuck], { anomalyList: [{ kind: 'stuck', orderIds: ['o4'], explanation: '' }] });
    expect(other.missed.map((m) => m.invariant)).toEqual(['ordersEnd']);
    expect(other.unbacked.map((u) => u.kind)).toEqual(['stuck']);
    const wrong = compareWithReport([stuck], { anomalyList: [{ kind: 'duplicateEmail', orderIds: ['o3'], explanation: '' }] });
    expect(wrong.missed).toHaveLength(1);
    expect(wrong.missed[0].expected).toEqual(['stuck', 'lostOrder']);
    expect(wrong.unbacked).toHaveLength(1);
  });

  it('matches an orderless violation by the request id an anomaly explains, under a kind that does not exist yet', () => {
    const hit = compareWithReport([vanished], { anomalyList: [{ kind: 'vanishedRequest', orderIds: [], explanation: 'Request r4 got no answer.' }] });
    expect(hit).toEqual({ missed: [], unbacked: [] });
    const miss = compareWithReport([vanished], { anomalyList: [{ kind: 'vanishedRequest', orderIds: ['o1'], explanation: 'Request r40 got no answer.' }] });
    expect(miss.missed).toHaveLength(1);
    expect(miss.unbacked).toHaveLength(1);
  });

  it('reports every anomaly as unbacked when nothing is broken', () => {
    const r = compareWithReport([], { anomalyList: [{ kind: 'shippedUnpaid', orderIds: ['o1'], explanation: 'free item' }] });
    expect(r.unbacked).toEqual([{ kind: 'shippedUnpaid', orderIds: ['o1'], explanation: 'free item' }]);
  });

  it('maps every rule, and every anomaly kind the report knows today is reachable', () => {
    expect(Object.keys(ANOMALIES_FOR).sort()).toEqual([...INVARIANTS].sort());
    const mapped = new Set(Object.values(ANOMALIES_FOR).flat());
    for (const k of ANOMALY_KINDS) expect(mapped.has(k)).toBe(true);
    for (const k of ['vanishedRequest', 'lostCancellation', 'customerNeverTold', 'parkedForever', 'manualReview']) expect(mapped.has(k)).toBe(true);
  });
});
