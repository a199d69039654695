/**
 * A link can name the chart opened under its selected order (`ch=payment.12`), or the
 * reconciliation round under the Order service (`ch=job.round`). It round-trips, and a damaged or
 * orphaned one is reported by name and dropped, never guessed at.
 */
import { describe, expect, it } from 'vitest';
import { readLink } from '../../src/share/decode';
import { buildLink, encodeLinkHash } from '../../src/share/encode';
import type { LinkState } from '../../src/share/linkState';
import { DEFAULT_SCENARIO } from '../../src/sim/scenario';

const BASE = 'http://localhost:5173/';

function state(extra: Partial<LinkState> = {}): LinkState {
  return { scenario: DEFAULT_SCENARIO, playhead: 900, events: null, selectedOrder: 'o3', selectedMessage: null, allow: null, ...extra };
}

/** The link for `state` with a `ch` part of `x` added. */
function withX(x: string, extra: Partial<LinkState> = {}): string {
  return `${buildLink(BASE, state(extra))}&ch=${x}`;
}

describe('the chart in a link', () => {
  it('writes x after the selection and reads it back', () => {
    const st = state({ entity: { kind: 'payment', key: '12' } });
    expect(encodeLinkHash(st)).toContain('&o=o3&ch=payment.12&');
    const r = readLink(buildLink(BASE, st));
    expect(r.problems).toEqual([]);
    expect(r.state.entity).toEqual({ kind: 'payment', key: '12' });
  });

  it('writes no chart without an order to open it under', () => {
    expect(encodeLinkHash(state({ selectedOrder: null, entity: { kind: 'reservation', key: 'o3' } }))).not.toContain('ch=');
  });

  it.each([
    ['bogus', /chart is "bogus", which is not a chart/],
    ['payment.', /chart is "payment\.", which is not a chart/],
    ['payment.012', /chart is "payment\.012", which is not a chart/],
    ['reservation.x1', /which is not a chart/],
    ['toString.o3', /which is not a chart/],
    ['job.3', /chart is "job\.3", which is not a chart/],
    ['job.', /which is not a chart/],
  ])('reports ch=%s by name and opens no chart', (x, said) => {
    const r = readLink(withX(x));
    expect(r.fellBack).toBe(false);
    expect(r.state.selectedOrder).toBe('o3');
    expect(r.state.entity).toBeUndefined();
    expect(r.problems.map((p) => p.message)).toEqual([expect.stringMatching(said)]);
    expect(r.problems[0].message).toMatch(/no chart is opened\.$/);
  });

  it('carries the reconciliation round with or without an order', () => {
    for (const selectedOrder of [null, 'o3']) {
      const st = state({ selectedOrder, entity: { kind: 'job', key: 'round' } });
      expect(encodeLinkHash(st)).toContain('ch=job.round');
      const r = readLink(buildLink(BASE, st));
      expect(r.problems).toEqual([]);
      expect(r.state.selectedOrder).toBe(selectedOrder);
      expect(r.state.entity).toEqual({ kind: 'job', key: 'round' });
    }
  });

  it('reports a chart without an order', () => {
    const r = readLink(withX('payment.3', { selectedOrder: null }));
    expect(r.state.entity).toBeUndefined();
    expect(r.problems.map((p) => p.message)).toEqual([expect.stringMatching(/names "payment\.3" but no order to open it under/)]);
  });
});
