/** Side B of a comparison in links (version 4): round trips, older versions, and bad input. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeSideB, encodeSideB } from '../../src/share/compareLink';
import { readLink } from '../../src/share/decode';
import { buildLink, encodeLinkHash } from '../../src/share/encode';
import { parseScenario } from '../../src/sim/scenario';
import { linkState, scenario } from './arbitraries';

const BASE = 'https://eventually.example.org/play/';

describe('side B in links', () => {
  test('any scenario with any side B reads back to the same state', () => {
    fc.assert(
      fc.property(linkState(), scenario(), fc.option(fc.constantFrom('m1', 'm42', 'm1234'), { nil: null }), (st, other, bm) => {
        const withB = { ...st, compare: { faults: other.faults, remedies: other.remedies, selectedMessage: bm } };
        const hash = encodeLinkHash(withB);
        expect(hash.startsWith('v=4&')).toBe(true);
        const r = readLink(`#${hash}`);
        expect(r.problems).toEqual([]);
        expect(r.state.compare).toEqual(withB.compare);
        expect(r.state.scenario).toEqual(st.scenario);
      }),
      { numRuns: 60 },
    );
  });

  test('a link without side B is written as before and opens without a comparison', () => {
    const s = parseScenario({ seed: 4 });
    const link = buildLink(BASE, { scenario: s, playhead: 0, events: null, selectedOrder: null, selectedMessage: null, allow: null });
    expect(link).toMatch(/#v=2&/);
    expect(readLink(link).state.compare).toBeUndefined();
  });

  test('side B in a link that says it is an older version is named and left out', () => {
    const s = parseScenario({ seed: 4 });
    const hash = encodeLinkHash({ scenario: s, playhead: 0, events: null, selectedOrder: null, selectedMessage: null, allow: null, compare: { faults: s.faults, remedies: s.remedies, selectedMessage: null } });
    const r = readLink(`#${hash.replace('v=4&', 'v=3&')}`);
    expect(r.fellBack).toBe(false);
    expect(r.state.compare).toBeUndefined();
    expect(r.problems.map((p) => p.message)).toEqual([
      'This link has a comparison ("b="), which came with link version 4, but says it is version 3 — showing run A alone instead.',
    ]);
  });

  test('bad side B values are named by field, and the run opens alone', () => {
    const s = parseScenario({ seed: 4 });
    const cases: [string, RegExp][] = [
      ['nonsense', /side B is damaged/],
      ['abc.AAAA', /side B (is damaged|was changed)/],
      [encodeSideB(s, s).replace(/^[0-9a-z]+/, 'zz'), /side B was changed or cut off/],
    ];
    for (const [b, problem] of cases) {
      const hash = encodeLinkHash({ scenario: s, playhead: 0, events: null, selectedOrder: null, selectedMessage: null, allow: null });
      const r = readLink(`#${hash.replace('v=2&', 'v=4&')}&b=${b}`);
      expect(r.fellBack).toBe(false);
      expect(r.state.compare).toBeUndefined();
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0].message).toMatch(problem);
      expect(r.problems[0].message).toMatch(/showing run A alone instead\.$/);
    }
  });

  test('a side B with an out-of-range fault names the field', async () => {
    const { packForUrl } = await import('../../src/share/lz');
    const { linkChecksum } = await import('../../src/share/checksum');
    const json = JSON.stringify({ faults: { drop: 7 }, remedies: {} });
    expect(() => decodeSideB(`${linkChecksum(json)}.${packForUrl(json)}`)).toThrow(/faults\.drop: must be between 0 and 1, got 7/);
    const extra = JSON.stringify({ faults: {}, remedies: {}, seed: 9 });
    expect(() => decodeSideB(`${linkChecksum(extra)}.${packForUrl(extra)}`)).toThrow(/side B seed: is not something side B can change/);
  });
});
