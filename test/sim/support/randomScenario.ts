/**
 * Random scenarios for the agreement property: every fault anywhere in its documented range,
 * any subset of remedies, scarce stock, cancels, free and priced orders, and control changes
 * made during the run. Small workloads keep a run cheap enough for hundreds per test.
 */
import fc from 'fast-check';
import { FAULTS } from '../../../src/sim/catalog';
import type { ControlChange, Faults, ScenarioInput } from '../../../src/sim/types';

const FAULT_KEYS = Object.keys(FAULTS) as (keyof Faults)[];
const BOOL_REMEDIES = ['outbox', 'idempotentConsumer', 'idempotencyKey', 'retries', 'deadLetterQueue', 'saga', 'reconciliation', 'conditionalUpdate', 'logicalClocks', 'lastWriteWins'] as const;

/** One fault's value: often off, otherwise anywhere in its documented range. */
function faultValue(key: keyof Faults): fc.Arbitrary<number> {
  const c = FAULTS[key];
  const any = c.kind === 'probability' ? fc.double({ min: c.min, max: c.max, noNaN: true }) : fc.integer({ min: c.min, max: c.max });
  const off = key === 'latencyMs' ? fc.constant(20) : key === 'jitterMs' ? fc.constant(10) : fc.constant(0);
  return fc.oneof({ arbitrary: off, weight: 3 }, { arbitrary: any, weight: 2 }, { arbitrary: fc.constant(c.max), weight: 1 });
}

const faults = fc.record(Object.fromEntries(FAULT_KEYS.map((k) => [k, faultValue(k)])) as Record<keyof Faults, fc.Arbitrary<number>>);

const remedies = fc.record({
  ...Object.fromEntries(BOOL_REMEDIES.map((k) => [k, fc.boolean()])),
  ordering: fc.constantFrom('none', 'partitionByKey', 'versioned'),
}) as fc.Arbitrary<Record<string, boolean | string>>;

/** A control change at some moment of the run: a fault to a new value or a remedy flipped. */
const change: fc.Arbitrary<ControlChange> = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 4000 }), fc.constantFrom(...FAULT_KEYS)).chain(([atMs, k]) => faultValue(k).map((value) => ({ atMs, path: `faults.${k}`, value }))),
  fc.tuple(fc.integer({ min: 0, max: 4000 }), fc.constantFrom(...BOOL_REMEDIES), fc.boolean()).map(([atMs, k, value]) => ({ atMs, path: `remedies.${k}`, value })),
  fc.tuple(fc.integer({ min: 0, max: 4000 }), fc.constantFrom('none', 'partitionByKey', 'versioned')).map(([atMs, value]) => ({ atMs, path: 'remedies.ordering', value })),
);

/** A whole random scenario. */
export const randomScenario: fc.Arbitrary<ScenarioInput> = fc
  .record({
    seed: fc.integer({ min: 0, max: 2 ** 31 }),
    orders: fc.integer({ min: 1, max: 10 }),
    intervalMs: fc.integer({ min: 0, max: 400 }),
    price: fc.constantFrom(0, 1, 40),
    cancelRatio: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
    cancelAfterMs: fc.integer({ min: 0, max: 500 }),
    stock: fc.integer({ min: 0, max: 15 }),
    faults,
    remedies,
    durationMs: fc.constantFrom(60_000, 8_000),
    changes: fc.array(change, { maxLength: 3 }),
  })
  .map((x) => ({
    seed: x.seed,
    workload: { orders: x.orders, intervalMs: x.intervalMs, price: x.price, cancelRatio: x.cancelRatio, cancelAfterMs: x.cancelAfterMs },
    inventory: { stock: x.stock },
    faults: x.faults,
    remedies: x.remedies as ScenarioInput['remedies'],
    durationMs: x.durationMs,
    changes: [...x.changes].sort((a, b) => a.atMs - b.atMs),
  }));
