/**
 * Links round-trip: whatever the playground can be in, encoding it and reading the link back
 * gives the same state — and the same run, down to the trace hash.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLink } from '../../src/share/decode';
import { buildLink, encodeLinkHash } from '../../src/share/encode';
import { diffFromV1Defaults, LINK_V1_DEFAULTS } from '../../src/share/linkDefaults';
import type { LinkState } from '../../src/share/linkState';
import { runScenario } from '../../src/sim/engine';
import { DEFAULT_SCENARIO, parseScenario, parseScenarioJson } from '../../src/sim/scenario';
import type { Scenario } from '../../src/sim/types';
import { linkState, scenario } from './arbitraries';

const SCENARIOS = join(__dirname, '../../scenarios');
const RUNS = Number(process.env.LINK_RUNS ?? 200);

function state(s: Scenario, extra: Partial<LinkState> = {}): LinkState {
  return { scenario: s, playhead: 0, events: null, selectedOrder: null, selectedMessage: null, allow: null, ...extra };
}

describe('link round trip', () => {
  it('pins the v1 defaults to the engine defaults they were taken from', () => {
    // The one later difference: v1 links were made when the dashboard always kept the newest
    // timestamp, so a link that does not mention last-write-wins keeps it on.
    expect(parseScenario(LINK_V1_DEFAULTS)).toEqual({ ...DEFAULT_SCENARIO, remedies: { ...DEFAULT_SCENARIO.remedies, lastWriteWins: true } });
  });

  it('writes only the dashboard choice, the versions and the checksum for the default scenario', () => {
    expect(diffFromV1Defaults(DEFAULT_SCENARIO)).toEqual({ remedies: { lastWriteWins: false } });
    expect(encodeLinkHash(state(DEFAULT_SCENARIO))).toMatch(/^v=2&c=[0-9a-z]+&s=[A-Za-z0-9+$-]+&e=[0-9]+$/);
  });

  for (const file of readdirSync(SCENARIOS).filter((f) => f.endsWith('.json'))) {
    it(`reproduces scenarios/${file} with playhead and selection`, () => {
      const s = parseScenarioJson(readFileSync(join(SCENARIOS, file), 'utf8'));
      const st = state(s, { playhead: 1234.5678901234, events: 321, selectedOrder: 'o3', selectedMessage: 'm17' });
      const r = readLink(buildLink('https://eventually.example/play/?embed=1', st));
      expect(r.problems).toEqual([]);
      expect(r.fellBack).toBe(false);
      expect(r.state).toEqual(st);
    });
  }

  it('round-trips any valid state (property)', () => {
    fc.assert(
      fc.property(linkState(), (st) => {
        const r = readLink(buildLink('http://localhost:5173/', st));
        expect(r.problems).toEqual([]);
        expect(r.state).toEqual({ ...st, events: st.playhead > 0 ? st.events : null });
      }),
      { numRuns: RUNS },
    );
  });

  it('survives the "+" → space damage of form decoding', () => {
    fc.assert(
      fc.property(scenario(), (s) => {
        const link = buildLink('http://h/', state(s)).replace(/\+/g, ' ');
        expect(readLink(link).state.scenario).toEqual(s);
      }),
      { numRuns: 50 },
    );
  });

  it('gives the same trace hash as the scenario itself (property, small runs)', () => {
    fc.assert(
      fc.property(scenario({ small: true }), (s) => {
        const decoded = readLink(buildLink('http://h/', state(s))).state.scenario;
        expect(runScenario(decoded).traceHash).toBe(runScenario(s).traceHash);
      }),
      { numRuns: 25 },
    );
  });

  it('keeps control changes made during the run, with their exact times', () => {
    const s = parseScenario({
      seed: 42,
      faults: { duplicate: 0.2 },
      changes: [
        { atMs: 401.25, path: 'remedies.idempotentConsumer', value: true },
        { atMs: 1337.0000001, path: 'faults.duplicate', value: 0.45 },
        { atMs: 2000, path: 'remedies.ordering', value: 'versioned' },
      ],
    });
    const back = readLink(buildLink('http://h/', state(s))).state.scenario;
    expect(back.changes).toEqual(s.changes);
    expect(runScenario(back).traceHash).toBe(runScenario(s).traceHash);
  });
});
