/**
 * Grow-only tables shared by checkpoints: a copy and its original (and copies of copies) evolve
 * independently, exactly as separate Maps and Sets would, whatever each of them adds next.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyState, findClosure, StateCopyError } from '../../src/sim/copyState';
import { GrowMap, GrowSet } from '../../src/sim/growOnly';

/**
 * Keys of every kind a table meets: plain ones, numbered ids (looked up by number) of two letters,
 * and spellings that must not be taken for a numbered id (a leading zero, ten digits).
 */
const KEYS = ['a', 'b', 'm1', 'm10', 'm01', 'm0', 'o1', 'o10', 'm123456789', 'm1234567890', 'm1x'];

/** One step of the model: add to table i, or copy table i into a new one. */
type Op = { kind: 'set'; table: number; key: string; value: number } | { kind: 'copy'; table: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), table: fc.nat(7), key: fc.constantFrom(...KEYS), value: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('copy' as const), table: fc.nat(7) }) },
);

describe('GrowMap and GrowSet', () => {
  it('copies evolve like independent Maps and Sets, however they interleave', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const maps: GrowMap<string, number>[] = [new GrowMap()];
        const sets: GrowSet<string>[] = [new GrowSet()];
        const modelMaps: Map<string, number>[] = [new Map()];
        const modelSets: Set<string>[] = [new Set()];
        for (const o of ops) {
          const i = o.table % maps.length;
          if (o.kind === 'copy') {
            // Through copyState, as a checkpoint makes them.
            const c = copyState({ m: maps[i], s: sets[i] });
            maps.push(c.m);
            sets.push(c.s);
            modelMaps.push(new Map(modelMaps[i]));
            modelSets.push(new Set(modelSets[i]));
          } else {
            maps[i].set(o.key, o.value);
            modelMaps[i].set(o.key, o.value);
            sets[i].add(o.key);
            modelSets[i].add(o.key);
          }
          for (let j = 0; j < maps.length; j++) {
            expect([...maps[j]]).toEqual([...modelMaps[j]]);
            expect(maps[j].size).toBe(modelMaps[j].size);
            expect([...sets[j]]).toEqual([...modelSets[j]]);
            for (const k of [...KEYS, 'z', 'm2', 'o2']) {
              expect(maps[j].get(k)).toBe(modelMaps[j].get(k));
              expect(sets[j].has(k)).toBe(modelSets[j].has(k));
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a copy replaying the same additions shares the entries; a different one takes its own', () => {
    const a = new GrowMap<string, object>();
    a.set('m1', Object.freeze({ type: 'PlaceOrder', payload: Object.freeze({ qty: 1 }) }));
    const b = copyState({ a }).a;
    a.set('m2', Object.freeze({ type: 'ChargePayment' }));
    // Equal content made afresh (a replay) counts as the same entry: b follows a.
    b.set('m2', Object.freeze({ type: 'ChargePayment' }));
    expect(b.get('m2')).toBe(a.get('m2'));
    // A steered copy diverges: its own entry, the original unchanged.
    const c = copyState({ b }).b;
    c.set('m3', Object.freeze({ type: 'Refund' }));
    a.set('m3', Object.freeze({ type: 'ReserveStock' }));
    expect(c.get('m3')).toEqual({ type: 'Refund' });
    expect(a.get('m3')).toEqual({ type: 'ReserveStock' });
    expect(b.has('m3')).toBe(false);
  });

  it('refuses values other tables could see change, naming the problem', () => {
    const m = new GrowMap<string, unknown>();
    expect(() => m.set('x', { mutable: true })).toThrow(StateCopyError);
    expect(() => m.set('x', () => 1)).toThrow(/closure/);
    expect(m.size).toBe(0);
    expect(findClosure({ m })).toBeNull();
  });
});
