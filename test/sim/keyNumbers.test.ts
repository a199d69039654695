/**
 * KeyNumbers answers like a Map whatever keys it meets (numbered ids of several letters, spellings
 * that must not parse as one), and so does its checkpoint copy, which then goes its own way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyState } from '../../src/sim/copyState';
import { KeyNumbers } from '../../src/sim/keyNumbers';

const KEYS = ['o1', 'o10', 'o01', 'o0', 'r1', 'r10', 'x', 'o', 'o1234567890', 'o123456789', 'o1048576', 'o1x', '1'];

describe('KeyNumbers', () => {
  it('reads back what a Map would, before and after a copy', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...KEYS), fc.integer({ min: -5, max: 5 })), { maxLength: 40 }), fc.nat(40), (writes, copyAt) => {
        let table = new KeyNumbers();
        const model = new Map<string, number>();
        let copy: { table: KeyNumbers; model: Map<string, number> } | null = null;
        writes.forEach(([k, v], i) => {
          if (i === copyAt) copy = { table: copyState({ table }).table, model: new Map(model) };
          table.set(k, v);
          model.set(k, v);
        });
        for (const k of [...KEYS, 'o2', 'r2']) expect(table.get(k)).toBe(model.get(k));
        if (copy !== null) {
          const c: { table: KeyNumbers; model: Map<string, number> } = copy;
          for (const k of [...KEYS, 'o2']) expect(c.table.get(k)).toBe(c.model.get(k));
          // The copy is its own: writing to it leaves the original as it was.
          c.table.set('o1', 99);
          expect(table.get('o1')).toBe(model.get('o1'));
          table = c.table;
          expect(table.get('o1')).toBe(99);
        }
      }),
      { numRuns: 300 },
    );
  });
});
