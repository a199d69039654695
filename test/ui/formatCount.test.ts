/** Counts read as `toLocaleString('en-US')` writes them, from the shared formatter that replaced it. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fmtCount, plural } from '../../src/ui/format';

describe('counts', () => {
  test('fmtCount writes what toLocaleString("en-US") writes, whole or not, any size or sign (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1e12, max: 1e12 }), fc.double({ min: -1e9, max: 1e9, noNaN: true })), (n) => {
        expect(fmtCount(n)).toBe(n.toLocaleString('en-US'));
      }),
    );
  });

  test('plural puts the separators in and agrees the noun', () => {
    expect(plural(1, 'order')).toBe('1 order');
    expect(plural(0, 'order')).toBe('0 orders');
    expect(plural(12345, 'charge')).toBe('12,345 charges');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
  });
});
