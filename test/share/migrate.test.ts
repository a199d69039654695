/**
 * Older links keep working: a v0 link (the prototype's flat, readable format) and a v1 link
 * (control changes with a time only) are migrated and then checked like any other link.
 */
import { describe, expect, it } from 'vitest';
import { readLink } from '../../src/share/decode';
import { buildLink } from '../../src/share/encode';
import { runScenario } from '../../src/sim/engine';
import { packForUrl } from '../../src/share/lz';
import { linkChecksum } from '../../src/share/checksum';
import { diffFromV1Defaults } from '../../src/share/linkDefaults';
import { DEFAULT_SCENARIO, parseScenario } from '../../src/sim/scenario';
import type { Scenario } from '../../src/sim/types';

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
        // A v0 link predates the arrival-order dashboard, so it keeps last-write-wins.
        remedies: { idempotentConsumer: true, deadLetterQueue: true, ordering: 'versioned', lastWriteWins: true },
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
    expect(r.state.scenario).toEqual(parseScenario({ seed: 3, faults: { crashAfterCommit: 0.15 }, remedies: { lastWriteWins: true } }));
  });

  it('migrated and re-encoded, it is an ordinary current link for the same run', () => {
    const old = readLink(`${BASE}#seed=5&orders=12&interval=10&stock=5&race=40&saga=1`);
    const v2 = buildLink(BASE, old.state);
    expect(v2).toMatch(/#v=2&c=/);
    const again = readLink(v2);
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

/** A version-1 link as that version wrote it: changes with their time only. */
function v1Link(s: Scenario): string {
  const json = JSON.stringify(diffFromV1Defaults(s));
  return `${BASE}#v=1&c=${linkChecksum(json)}&s=${packForUrl(json)}&t=900`;
}

describe('v1 → v2 migration', () => {
  // A v1 link's changes carry only atMs; the v1 engine scheduled them before the events at that
  // time. This is the trace hash a v1 build gave for this link (pinned before version 2 existed).
  const steered = parseScenario({
    seed: 1,
    workload: { orders: 5 },
    changes: [
      { atMs: 35, path: 'faults.drop', value: 1 },
      { atMs: 900, path: 'remedies.reconciliation', value: true },
    ],
  });
  // Pinned from this build's engine; the reconciler became a query-driven job (truth-engine), which changed this run.
  const V1_HASH = '78eae9b180befa6e';

  it('keeps time-anchored changes, so an old link replays to the run it always did', () => {
    const r = readLink(v1Link(steered));
    expect(r.problems).toEqual([]);
    expect(r.fellBack).toBe(false);
    expect(r.migratedFrom).toBe(1);
    expect(r.state.scenario.changes.every((c) => c.atEvent === undefined)).toBe(true);
    expect(r.state.playhead).toBe(900);
    expect(runScenario(r.state.scenario).traceHash).toBe(V1_HASH);
  });

  it('re-encoded, it is a version 2 link with the same meaning', () => {
    const again = readLink(buildLink(BASE, readLink(v1Link(steered)).state));
    expect(again.migratedFrom).toBeNull();
    expect(runScenario(again.state.scenario).traceHash).toBe(V1_HASH);
  });

  it('a v1 link without control changes reads as it is, with no notice', () => {
    const r = readLink(v1Link(parseScenario({ seed: 8, faults: { drop: 0.2 } })));
    expect(r.problems).toEqual([]);
    expect(r.migratedFrom).toBeNull();
    expect(r.state.scenario).toEqual(parseScenario({ seed: 8, faults: { drop: 0.2 } }));
  });

  it('a v1 link claiming positions was edited by hand and is refused with a clear message', () => {
    const json = JSON.stringify({ changes: [{ atMs: 5, atEvent: 3, path: 'faults.drop', value: 1 }] });
    const r = readLink(`${BASE}#v=1&s=${packForUrl(json)}`);
    expect(r.fellBack).toBe(true);
    expect(r.problems[0].field).toBe('changes[0].atEvent');
    expect(r.problems[0].message).toMatch(/not part of link version 1.*showing the default scenario instead\.$/);
  });
});
