/** Applying a solution, and telling whether a learner kept a lesson's setup. */
import { describe, expect, it } from 'vitest';
import { applySettings, sameSetup } from '../../src/lessons/applySettings';
import { parseScenario } from '../../src/sim/scenario';

describe('applySettings', () => {
  it('applies control changes in order without touching the original', () => {
    const s = parseScenario({ faults: { duplicate: 0.3 } });
    const out = applySettings(s, [
      { path: 'remedies.idempotentConsumer', value: true },
      { path: 'remedies.ordering', value: 'versioned' },
    ]);
    expect(out.remedies.idempotentConsumer).toBe(true);
    expect(out.remedies.ordering).toBe('versioned');
    expect(s.remedies.idempotentConsumer).toBe(false);
  });
});

describe('sameSetup', () => {
  const base = parseScenario({ seed: 5, workload: { orders: 40 } });
  it('ignores faults and remedies', () => {
    expect(sameSetup(base, applySettings(base, [{ path: 'faults.drop', value: 0.5 }, { path: 'remedies.outbox', value: true }]))).toBe(true);
  });
  it('notices a new seed, workload or stock', () => {
    expect(sameSetup(base, { ...base, seed: 6 })).toBe(false);
    expect(sameSetup(base, { ...base, workload: { ...base.workload, orders: 1 } })).toBe(false);
    expect(sameSetup(base, { ...base, inventory: { stock: 1 } })).toBe(false);
  });
});
