/**
 * Bad links never crash and never load anything unvalidated: each kind of damage gives a
 * sentence that says what was wrong, and a safe state (the default scenario when the link's
 * own scenario cannot be used).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLink, scenarioFromLink } from '../../src/share/decode';
import { buildLink } from '../../src/share/encode';
import { MAX_HASH_CHARS } from '../../src/share/linkFormat';
import type { LinkReadResult, LinkState } from '../../src/share/linkState';
import { packForUrl } from '../../src/share/lz';
import { DEFAULT_SCENARIO, parseScenario, ScenarioError } from '../../src/sim/scenario';
import { scenario } from './arbitraries';

const BASE = 'http://localhost:5173/';
const GOOD: LinkState = {
  scenario: parseScenario({ name: 'Duplicates', seed: 7, faults: { duplicate: 0.3 }, changes: [{ atMs: 500, path: 'remedies.idempotentConsumer', value: true }] }),
  playhead: 812.5,
  events: 140,
  selectedOrder: 'o2',
  selectedMessage: 'm9',
  allow: null,
};
const GOOD_LINK = buildLink(BASE, GOOD);

/** A current-version link around hand-written scenario JSON (no checksum, as a hand-made link would be). */
function linkWith(json: string, rest = ''): string {
  return `${BASE}#v=2&s=${packForUrl(json)}${rest}`;
}

function expectFallback(r: LinkReadResult, field: string, words: RegExp): void {
  expect(r.fellBack).toBe(true);
  expect(r.state.scenario).toEqual(DEFAULT_SCENARIO);
  expect(r.state.playhead).toBe(0);
  expect(r.state.selectedOrder).toBeNull();
  expect(r.problems[0].field).toBe(field);
  expect(r.problems[0].message).toMatch(words);
  expect(r.problems[0].message).toMatch(/showing the default scenario instead\.$/);
}

describe('bad links', () => {
  it('a good link reads cleanly (control for everything below)', () => {
    const r = readLink(GOOD_LINK);
    expect(r.problems).toEqual([]);
    expect(r.state).toEqual(GOOD);
  });

  it('no hash, or an in-page anchor, is not a link: default scenario, nothing to report', () => {
    for (const a of [BASE, `${BASE}#`, `${BASE}#main`, `${BASE}#top&x`]) {
      const r = readLink(a);
      expect(r.empty).toBe(true);
      expect(r.problems).toEqual([]);
      expect(r.state.scenario).toEqual(DEFAULT_SCENARIO);
    }
  });

  describe('truncated', () => {
    it('never throws, whatever the cut; a cut inside the scenario falls back', () => {
      const hashAt = GOOD_LINK.indexOf('#');
      const sEnd = GOOD_LINK.indexOf('&t=');
      for (let cut = hashAt + 1; cut < GOOD_LINK.length; cut++) {
        const r = readLink(GOOD_LINK.slice(0, cut));
        expect(r.state.scenario).toBeDefined();
        if (cut < sEnd) {
          // Losing only the final padding bits can still unpack to the very same scenario (the
          // checksum agrees); anything else must fall back with a sentence.
          if (r.fellBack) expect(r.problems[0].message).toMatch(/^This link/);
          else if (!r.empty) expect(r.state.scenario, `cut at ${cut}`).toEqual(GOOD.scenario);
        } else {
          expect(r.state.scenario).toEqual(GOOD.scenario);
        }
      }
    });

    it('says the link was cut off', () => {
      const cut = GOOD_LINK.slice(0, GOOD_LINK.indexOf('&t=') - 12) + GOOD_LINK.slice(GOOD_LINK.indexOf('&t='));
      expectFallback(readLink(cut), 'link', /cut off/);
    });
  });

  describe('tampered', () => {
    // A changed character is either caught, or it is one of lz-string's equivalent spellings
    // ('$' reads as 'A'; the last character's padding bits are ignored) and the link still
    // means exactly the same run. What must never happen is a different run shown silently.
    it('any one changed character of the scenario part is caught or changes nothing (property)', () => {
      const sAt = GOOD_LINK.indexOf('&s=') + 3;
      const sEnd = GOOD_LINK.indexOf('&t=');
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
      const original = readLink(GOOD_LINK).state.scenario;
      fc.assert(
        fc.property(fc.integer({ min: sAt, max: sEnd - 1 }), fc.constantFrom(...alphabet), (i, ch) => {
          fc.pre(GOOD_LINK[i] !== ch);
          const r = readLink(GOOD_LINK.slice(0, i) + ch + GOOD_LINK.slice(i + 1));
          if (!r.fellBack) {
            expect(r.state.scenario).toEqual(original);
            return;
          }
          expect(r.problems[0].field).toBe('link');
          expect(r.problems[0].message).toMatch(/damaged|changed or cut off/);
        }),
        { numRuns: 300 },
      );
    });

    it('pinned: "$" in place of "A" spells the same scenario and is accepted as the same run', () => {
      const sAt = GOOD_LINK.indexOf('&s=') + 3;
      const i = GOOD_LINK.indexOf('A', sAt);
      if (i < 0 || i >= GOOD_LINK.indexOf('&t=')) return;
      const r = readLink(`${GOOD_LINK.slice(0, i)}$${GOOD_LINK.slice(i + 1)}`);
      expect(r.fellBack ? r.problems[0].field : r.state.scenario).toEqual(r.fellBack ? 'link' : readLink(GOOD_LINK).state.scenario);
    });

    it('characters outside the link alphabet are reported, not silently read as zeros', () => {
      const bad = GOOD_LINK.replace('&s=', '&s=%3Cscript%3E');
      expectFallback(readLink(bad), 'link', /characters a link never contains/);
    });

    it('a wrong checksum is reported even when the scenario would parse', () => {
      expectFallback(readLink(GOOD_LINK.replace(/&c=[0-9a-z]+/, '&c=zzzz')), 'link', /checksum does not match/);
    });

    it('garbage that unpacks to nothing is "damaged"', () => {
      expectFallback(readLink(`${BASE}#v=1&s=AAAA`), 'link', /damaged/);
      expectFallback(readLink(`${BASE}#v=1&s=`), 'link', /empty scenario part/);
      expectFallback(readLink(`${BASE}#v=1&t=100`), 'link', /no scenario in it/);
    });

    it('unpacked text that is not JSON is "damaged"', () => {
      expectFallback(readLink(linkWith('{"seed": 7, ')), 'link', /not readable/);
    });
  });

  describe('wrong types (same messages as scenario files)', () => {
    it('names the field', () => {
      expectFallback(readLink(linkWith('{"seed":"abc"}')), 'seed', /^This link's seed must be a number between 0 and 4294967295, got the text "abc"/);
      expectFallback(readLink(linkWith('{"faults":{"duplicate":2}}')), 'faults.duplicate', /must be between 0 and 1, got 2/);
      expectFallback(readLink(linkWith('{"remedies":{"outbox":"yes"}}')), 'remedies.outbox', /must be true or false/);
      expectFallback(readLink(linkWith('{"workload":[1,2]}')), 'workload', /must be an object, got a list/);
      expectFallback(readLink(linkWith('[1,2,3]')), 'scenario', /must be a JSON object/);
      expectFallback(readLink(linkWith('null')), 'scenario', /must be a JSON object, got null/);
      expectFallback(
        readLink(linkWith('{"changes":[{"atMs":900,"path":"faults.drop","value":0.1},{"atMs":100,"path":"faults.drop","value":0}]}')),
        'changes[1].atMs',
        /time order/,
      );
      expectFallback(readLink(linkWith('{"changes":[{"atMs":9,"path":"process.exit","value":1}]}')), 'changes[0].path', /"process.exit" is not a control/);
    });

    it('agrees word for word with parseScenario', () => {
      const input = { inventory: { stock: -5 } };
      let expected = '';
      try {
        parseScenario(input);
      } catch (e) {
        expected = (e as ScenarioError).problem;
      }
      const r = readLink(linkWith(JSON.stringify(input)));
      expect(r.problems[0].problem).toBe(expected);
      expect(r.problems[0].field).toBe('inventory.stock');
    });
  });

  describe('unknown fields', () => {
    it('inside the scenario: fall back, naming the field', () => {
      expectFallback(readLink(linkWith('{"faults":{"meteor":1}}')), 'faults.meteor', /unknown field; allowed here: drop, duplicate/);
      expectFallback(readLink(linkWith('{"bogus":true}')), 'bogus', /unknown field/);
    });

    it('__proto__ is just an unknown field and pollutes nothing', () => {
      expectFallback(readLink(linkWith('{"__proto__":{"polluted":true}}')), '__proto__', /unknown field/);
      expectFallback(readLink(linkWith('{"faults":{"__proto__":{"polluted":true}}}')), 'faults.__proto__', /unknown field/);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('in the link itself: kept scenario, part ignored with a message', () => {
      const r = readLink(`${GOOD_LINK}&utm_source=newsletter`);
      expect(r.fellBack).toBe(false);
      expect(r.state.scenario).toEqual(GOOD.scenario);
      expect(r.problems.map((p) => p.message)).toEqual(['This link has a part Eventually does not know ("utm_source") — ignored.']);
    });

    it('a part given twice: the first counts', () => {
      const r = readLink(`${GOOD_LINK}&t=99`);
      expect(r.state.playhead).toBe(GOOD.playhead);
      expect(r.problems[0].message).toMatch(/twice/);
    });
  });

  describe('versions', () => {
    it('a future version is refused with a clear message', () => {
      expectFallback(readLink(GOOD_LINK.replace('#v=2', '#v=5')), 'version', /made by a newer Eventually/);
    });

    it('a version that is not a number is refused', () => {
      expectFallback(readLink(GOOD_LINK.replace('#v=2', '#v=one')), 'version', /"one", which is not a version number/);
    });

    it('a missing version with a scenario part is read as the current version', () => {
      expect(readLink(GOOD_LINK.replace('#v=2&', '#')).state).toEqual(GOOD);
    });
  });

  describe('the view parts (scenario kept)', () => {
    it('a bad playhead starts from the beginning', () => {
      for (const [t, words] of [
        ['abc', /"abc", which is not a time in ms/],
        ['-5', /not a time in ms/],
        ['Infinity', /not a time/],
        ['', /not a time/],
        ['99999999', /after the end of the run/],
      ] as const) {
        const r = readLink(GOOD_LINK.replace('t=812.5', `t=${t}`));
        expect(r.fellBack).toBe(false);
        expect(r.state.scenario).toEqual(GOOD.scenario);
        expect(r.state.playhead).toBe(0);
        expect(r.state.events).toBeNull();
        expect(r.problems[0].field).toBe('playhead');
        expect(r.problems[0].message).toMatch(words);
        expect(r.problems[0].message).toMatch(/starting from the beginning instead\.$/);
      }
    });

    it('a bad event count is ignored', () => {
      const r = readLink(GOOD_LINK.replace('n=140', 'n=1e3'));
      expect(r.state.events).toBeNull();
      expect(r.state.playhead).toBe(812.5);
      expect(r.problems[0].message).toMatch(/event count/);
    });

    it('a selection that is not an id is dropped, and quoted back safely', () => {
      const r = readLink(GOOD_LINK.replace('o=o2', 'o=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%0A%0Aand%20more%20text'));
      expect(r.state.selectedOrder).toBeNull();
      expect(r.state.selectedMessage).toBe('m9');
      expect(r.problems[0].message).toBe('This link\'s selected order is "<img src=x onerror=alert…", which is not order id (like o3) — nothing is selected.');
      const m = readLink(GOOD_LINK.replace('m=m9', 'm=o9'));
      expect(m.state.selectedMessage).toBeNull();
      expect(m.problems[0].field).toBe('selected message');
    });

    it('an allow list keeps the known controls and reports the rest', () => {
      const r = readLink(`${GOOD_LINK}&allow=faults.duplicate,rm -rf,remedies.outbox,faults.duplicate`);
      expect(r.state.allow).toEqual(['faults.duplicate', 'remedies.outbox']);
      expect(r.problems.map((p) => p.message)).toEqual(['This link\'s allow list names "rm -rf", which is not a control — ignored.']);
    });

    it('takes the allow list from the query when the hash has none', () => {
      const r = readLink(`${BASE}?embed&allow=remedies.saga#${GOOD_LINK.split('#')[1]}`);
      expect(r.state.allow).toEqual(['remedies.saga']);
      expect(readLink(`${BASE}?embed=1&allow=faults.drop`).state.allow).toEqual(['faults.drop']);
    });
  });

  describe('size limits', () => {
    it('refuses an over-long hash without unpacking it', () => {
      const r = readLink(`${BASE}#v=1&s=${'A'.repeat(MAX_HASH_CHARS + 1)}`);
      expectFallback(r, 'link', /characters long, far longer than any Eventually link/);
    });

    it('a decompression bomb is refused quickly', () => {
      // 2,260 characters that unpack to a million (compressing it takes a moment; unpacking does not).
      const bomb = packForUrl('a'.repeat(1_000_000));
      expect(bomb.length).toBeLessThan(MAX_HASH_CHARS);
      const t0 = performance.now();
      expectFallback(readLink(`${BASE}#v=1&s=${bomb}`), 'link', /far larger than Eventually ever writes/);
      expect(performance.now() - t0).toBeLessThan(2000);
    });
  });

  it('random junk never throws and always yields a valid state (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (junk) => {
        for (const address of [junk, `${BASE}#${junk}`, `${BASE}#v=1&s=${junk}`, `${BASE}#v=1&${junk}`]) {
          const r = readLink(address);
          expect(() => parseScenario(r.state.scenario)).not.toThrow();
          for (const p of r.problems) expect(p.message).toMatch(/^This link.* — .+\.$/s);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('random valid scenarios with one random field broken fall back with that field named (property)', () => {
    fc.assert(
      fc.property(scenario(), fc.constantFrom('seed', 'durationMs', 'stuckAfterMs'), fc.constantFrom('x', -1, null, true, 1e20), (s, field, bad) => {
        const json = JSON.stringify({ ...s, [field]: bad });
        const r = readLink(linkWith(json));
        expect(r.fellBack).toBe(true);
        expect(r.problems[0].field).toBe(field);
      }),
      { numRuns: 100 },
    );
  });
});

describe('scenarioFromLink (the runner)', () => {
  it('returns the scenario of a good link', () => {
    expect(scenarioFromLink(GOOD_LINK)).toEqual(GOOD.scenario);
  });

  it('throws a ScenarioError naming the field for a bad one', () => {
    expect(() => scenarioFromLink(linkWith('{"seed":"abc"}'))).toThrow(ScenarioError);
    expect(() => scenarioFromLink(linkWith('{"seed":"abc"}'))).toThrow(/^seed: must be a number/);
    expect(() => scenarioFromLink(`${BASE}`)).toThrow(/^link: holds no scenario/);
    expect(() => scenarioFromLink(GOOD_LINK.replace('#v=2', '#v=7'))).toThrow(/^version: is 7/);
  });

  it('does not stop a run for a bad playhead', () => {
    expect(scenarioFromLink(GOOD_LINK.replace('t=812.5', 't=soon'))).toEqual(GOOD.scenario);
  });
});
