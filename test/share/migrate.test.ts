/**
 * Older links keep working: a v0 link (the prototype's flat, readable format) is migrated to
 * v1 and then checked like any other link.
 */
import { describe, expect, it } from 'vitest';
import { readLink } from '../../src/share/decode';
import { buildLink } from '../../src/share/encode';
import { runScenario } from '../../src/sim/engine';
import { DEFAULT_SCENARIO, parseScenario } from '../../src/sim/scenario';

const BASE = 'http://localhost:5173/';

describe('v0 → v1 migration', () => {
  it('reads a flat v0 link into the same scenario, playhead and selection', () => {
    const r = readLink(`${BASE}#seed=7&orders=30&interval=100&stock=5&duplicate=0.3&latency=35&skew=200&idempotentConsumer=1&dlq=true&ordering=versioned&at=1200&order=o3`);
    expect(r.problems).toEqual([]);
    expect(r.migratedFrom).toBe(0);
    expect(r.fellBack).toBe(false);
    expect(r.state).toEqual({
      scenario: parseScenario({
        seed: 7,
        workload: { orders: 30, intervalMs: 100 },
        inventory: { stock: 5 },
        faults: { duplicate: 0.3, latencyMs: 35, clockSkewMs: 200 },
        remedies: { idempotentConsumer: true, deadLetterQueue: true, ordering: 'versioned' },
      }),
      playhead: 1200,
      events: null,
      selectedOrder: 'o3',
      selectedMessage: null,
      allow: null,
    });
  });

  it('an explicit v=0 is honoured', () => {
    const r = readLink(`${BASE}#v=0&seed=3&crashAfterCommit=0.15`);
    expect(r.migratedFrom).toBe(0);
    expect(r.state.scenario).toEqual(parseScenario({ seed: 3, faults: { crashAfterCommit: 0.15 } }));
  });

  it('migrated and re-encoded, it is an ordinary v1 link for the same run', () => {
    const old = readLink(`${BASE}#seed=5&orders=12&interval=10&stock=5&race=40&saga=1`);
    const v1 = buildLink(BASE, old.state);
    expect(v1).toMatch(/#v=1&c=/);
    const again = readLink(v1);
    expect(again.migratedFrom).toBeNull();
    expect(runScenario(again.state.scenario).traceHash).toBe(runScenario(old.state.scenario).traceHash);
  });

  it('bad values in an old link get the same messages as in a new one', () => {
    const r = readLink(`${BASE}#seed=abc&duplicate=0.3`);
    expect(r.fellBack).toBe(true);
    expect(r.migratedFrom).toBe(0);
    expect(r.problems[0].message).toBe(
      'This link\'s seed must be a number between 0 and 4294967295, got the text "abc" — showing the default scenario instead.',
    );
    const onOff = readLink(`${BASE}#seed=1&outbox=maybe`);
    expect(onOff.problems[0].field).toBe('remedies.outbox');
    expect(onOff.state.scenario).toEqual(DEFAULT_SCENARIO);
  });

  it('a key v0 never had is named', () => {
    const r = readLink(`${BASE}#seed=1&meteor=1`);
    expect(r.fellBack).toBe(true);
    expect(r.problems[0].message).toBe('This link\'s "meteor" is not a setting of the older link format — showing the default scenario instead.');
  });

  it('a bad v0 playhead keeps the scenario', () => {
    const r = readLink(`${BASE}#seed=9&at=later`);
    expect(r.state.scenario.seed).toBe(9);
    expect(r.state.playhead).toBe(0);
    expect(r.problems[0].field).toBe('playhead');
  });
});
