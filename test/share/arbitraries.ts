/**
 * fast-check generators for link tests: arbitrary partial scenario inputs (any subset of the
 * settings, within the validator's ranges) that become real scenarios through parseScenario,
 * plus link states around them.
 */
import fc from 'fast-check';
import { FAULTS } from '../../src/sim/catalog';
import { controlPaths, DEFAULT_FAULTS, DEFAULT_REMEDIES, parseScenario } from '../../src/sim/scenario';
import type { ControlChange, Scenario } from '../../src/sim/types';
import type { LinkState } from '../../src/share/linkState';

const dbl = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v));
const ORDERINGS = ['none', 'partitionByKey', 'versioned'] as const;

/** A value valid for the control at `path`. */
function controlValue(path: string): fc.Arbitrary<number | boolean | string> {
  const [sec, key] = path.split('.');
  if (sec === 'faults') {
    const c = FAULTS[key as keyof typeof FAULTS];
    return dbl(key === 'latencyMs' ? 1 : 0, c.max);
  }
  if (key === 'ordering') return fc.constantFrom(...ORDERINGS);
  return fc.boolean();
}

const change: fc.Arbitrary<ControlChange> = fc
  .constantFrom(...controlPaths())
  .chain((path) => fc.record({ atMs: dbl(0, 20_000), path: fc.constant(path), value: controlValue(path) }));

/** Options: `small` keeps runs short enough to execute in a test. */
export function scenarioInput(opts: { small?: boolean } = {}): fc.Arbitrary<Record<string, unknown>> {
  const faults = fc.record(
    Object.fromEntries(Object.keys(DEFAULT_FAULTS).map((k) => [k, controlValue(`faults.${k}`)])) as Record<string, fc.Arbitrary<unknown>>,
    { requiredKeys: [] },
  );
  const remedies = fc.record(
    Object.fromEntries(Object.keys(DEFAULT_REMEDIES).map((k) => [k, controlValue(`remedies.${k}`)])) as Record<string, fc.Arbitrary<unknown>>,
    { requiredKeys: [] },
  );
  const workload = fc.record(
    {
      orders: fc.integer({ min: 1, max: opts.small ? 8 : 20_000 }),
      intervalMs: dbl(0, opts.small ? 300 : 60_000),
      quantity: fc.integer({ min: 1, max: 100 }),
      price: dbl(0, 1_000_000),
      cancelRatio: dbl(0, 1),
      cancelAfterMs: dbl(0, opts.small ? 500 : 600_000),
    },
    { requiredKeys: [] },
  );
  return fc.record(
    {
      name: fc.string({ maxLength: 120 }),
      seed: fc.integer({ min: 0, max: 4_294_967_295 }),
      workload,
      inventory: fc.record({ stock: fc.integer({ min: 0, max: opts.small ? 50 : 10_000_000 }) }, { requiredKeys: [] }),
      faults,
      remedies,
      durationMs: opts.small ? dbl(1, 8000) : dbl(1, 86_400_000),
      stuckAfterMs: dbl(1, 86_400_000),
      changes: fc.array(change, { maxLength: opts.small ? 4 : 12 }).map((cs) => [...cs].sort((a, b) => a.atMs - b.atMs)),
    },
    { requiredKeys: [] },
  );
}

/** Random valid scenarios. */
export function scenario(opts: { small?: boolean } = {}): fc.Arbitrary<Scenario> {
  return scenarioInput(opts).map((input) => parseScenario(input));
}

/** Random link states over random valid scenarios. */
export function linkState(): fc.Arbitrary<LinkState> {
  return scenario().chain((s) =>
    fc.record({
      scenario: fc.constant(s),
      playhead: fc.oneof(fc.constant(0), dbl(0, s.durationMs)),
      events: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
      selectedOrder: fc.option(fc.integer({ min: 1, max: 99_999 }).map((n) => `o${n}`), { nil: null }),
      selectedMessage: fc.option(fc.integer({ min: 1, max: 9_999_999 }).map((n) => `m${n}`), { nil: null }),
      allow: fc.option(fc.uniqueArray(fc.constantFrom(...controlPaths()), { maxLength: 5 }), { nil: null }),
    }),
  ).chain((st) => {
    // The round needs no order; every other chart is one of the selected order's.
    const round = fc.constant({ kind: 'job' as const, key: 'round' });
    const entity = st.selectedOrder === null ? round : fc.oneof(linkEntity(st.selectedOrder), round);
    return fc.option(entity, { nil: undefined }).map((e) => (e ? { ...st, entity: e } : st));
  });
}

/** A chart a link may open under `order`: its request, a payment row, or its reservation, shipment or emails. */
export function linkEntity(order: string): fc.Arbitrary<NonNullable<LinkState['entity']>> {
  return fc.oneof(
    fc.integer({ min: 1, max: 99_999 }).map((n) => ({ kind: 'request' as const, key: `r${n}` })),
    fc.integer({ min: 0, max: 99_999 }).map((n) => ({ kind: 'payment' as const, key: String(n) })),
    fc.constantFrom('reservation' as const, 'shipment' as const, 'email' as const).map((kind) => ({ kind, key: order })),
  );
}
