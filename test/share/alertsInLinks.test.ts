/**
 * A scenario's alert rules survive a link round trip, and a tampered rule is refused by name.
 */
import { describe, expect, it } from 'vitest';
import { buildLink } from '../../src/share/encode';
import { scenarioFromLink } from '../../src/share/decode';
import type { LinkState } from '../../src/share/linkState';
import { parseScenario, ScenarioError } from '../../src/sim/scenario';

const state = (scenario: ReturnType<typeof parseScenario>): LinkState =>
  ({ scenario, playhead: 0, events: null, selectedOrder: null, selectedMessage: null, allow: null }) as LinkState;

describe('alert rules in links', () => {
  it('round-trips a custom rule list', () => {
    const s = parseScenario({ seed: 4, alerts: [{ id: 'dlq', title: 'DLQ', metric: 'dlq.size', above: 0, severity: 'critical' }] });
    expect(scenarioFromLink(buildLink('http://x/', state(s))).alerts).toEqual(s.alerts);
  });

  it('leaves the defaults out of the link', () => {
    const url = buildLink('http://x/', state(parseScenario({ seed: 4 })));
    expect(scenarioFromLink(url).alerts).toBeUndefined();
  });

  it('a scenario file with an unknown metric names the field', () => {
    expect(() => parseScenario({ alerts: [{ id: 'x', title: 'X', metric: 'nope', above: 1 }] })).toThrow(ScenarioError);
  });
});
