/** Reading number fields: clamping, refusing and rounding, always with a message naming the range. */
import { describe, expect, test } from 'vitest';
import { readNumber } from '../../src/ui/controls/numberInput';
import { SETUP_FIELDS, workloadCutOff } from '../../src/ui/controls/WorkloadControls';
import { parseScenario } from '../../src/sim/scenario';

const ORDERS = { label: 'Orders', min: 1, max: 20_000, integer: true };

describe('readNumber', () => {
  test('a value in range is taken as is, without a message', () => {
    expect(readNumber('250', ORDERS)).toEqual({ ok: true, value: 250, message: null });
    expect(readNumber(' 20,000 ', ORDERS)).toEqual({ ok: true, value: 20_000, message: null });
  });

  test('out of range is clamped, and the message names the range and what was done', () => {
    expect(readNumber('-5', ORDERS)).toEqual({ ok: true, value: 1, message: 'Orders takes a whole number from 1 to 20,000: -5 was set to 1.' });
    expect(readNumber('50000', ORDERS)).toMatchObject({ ok: true, value: 20_000 });
    expect(readNumber('1e9', ORDERS)).toEqual({ ok: true, value: 20_000, message: 'Orders takes a whole number from 1 to 20,000: 1,000,000,000 was set to 20,000.' });
  });

  test('text that is not a number is refused, naming the range', () => {
    expect(readNumber('abc', ORDERS)).toEqual({ ok: false, message: '"abc" is not a number. Orders takes a whole number from 1 to 20,000.' });
    expect(readNumber('', ORDERS)).toMatchObject({ ok: false });
    expect(readNumber('Infinity', ORDERS)).toMatchObject({ ok: false });
    expect(readNumber('12abc', ORDERS)).toMatchObject({ ok: false });
  });

  test('a whole-number field rounds, and says so', () => {
    expect(readNumber('2.6', ORDERS)).toEqual({ ok: true, value: 3, message: 'Orders takes a whole number from 1 to 20,000: 2.6 was rounded to 3.' });
  });

  test('units appear in the range', () => {
    expect(readNumber('150', { label: 'Cancelled (%)', min: 0, max: 100, integer: false, unit: '%' }).ok && true).toBe(true);
    expect(readNumber('150', { label: 'Cancelled (%)', min: 0, max: 100, integer: false, unit: '%' })).toMatchObject({ value: 100, message: expect.stringContaining('from 0% to 100%') });
  });
});

describe('workloadCutOff', () => {
  test('says nothing while every order fits', () => {
    expect(workloadCutOff(parseScenario({}))).toBeNull();
  });

  test('counts the orders placed before the run stops, and proposes a length that fits them all', () => {
    const s = parseScenario({ workload: { orders: 20_000 } });
    expect(workloadCutOff(s)).toEqual({ placed: 401, fitsAt: 3_020_000 });
    // The proposal is itself a valid scenario, and then nothing is cut off.
    expect(workloadCutOff(parseScenario({ workload: { orders: 20_000 }, durationMs: 3_020_000 }))).toBeNull();
  });
});

describe('the setup fields and the scenario validator', () => {
  /** The scenario a field's patch describes, as the engine controller builds it. */
  function scenarioOf(patch: Record<string, number>) {
    const { stock, seed, durationMs, ...workload } = patch;
    return { workload, ...(stock !== undefined ? { inventory: { stock } } : {}), ...(seed !== undefined ? { seed } : {}), ...(durationMs !== undefined ? { durationMs } : {}) };
  }

  test.each(SETUP_FIELDS.map((f) => [f.id, f] as const))('%s allows exactly what the validator allows', (_, f) => {
    expect(() => parseScenario(scenarioOf(f.patch(f.rule.min) as Record<string, number>))).not.toThrow();
    expect(() => parseScenario(scenarioOf(f.patch(f.rule.max) as Record<string, number>))).not.toThrow();
    expect(() => parseScenario(scenarioOf(f.patch(f.rule.max + 1) as Record<string, number>))).toThrow();
    expect(() => parseScenario(scenarioOf(f.patch(f.rule.min - 1) as Record<string, number>))).toThrow();
  });
});
