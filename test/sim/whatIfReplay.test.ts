/**
 * Runs steered by per-message what-ifs (mixed with control changes, at any step point) replay
 * exactly: the recorded scenario, run from scratch, through a link, a scenario file or the
 * runner, gives the live run's trace hash and report — and message ids, which what-ifs name,
 * come out the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { readLink, } from '../../src/share/decode';
import { buildLink } from '../../src/share/encode';
import { scenarioToJson } from '../../src/share/scenarioFile';
import { Simulation } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';
import type { Scenario, WhatIf } from '../../src/sim/types';
import { scenario as scenarioArb } from '../share/arbitraries';
import { expectReplaysEverywhere, linkOf } from './support/replayPaths';

type Op =
  | { kind: 'step'; n: number }
  | { kind: 'runUntil'; dt: number }
  | { kind: 'set'; path: string; value: number | boolean }
  /** Pick the what-if by fractions, since the targets on offer are only known mid-run. */
  | { kind: 'whatIf'; pick: number; action: number; ms: number }
  | { kind: 'rewind'; fraction: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 40 }).map((n) => ({ kind: 'step' as const, n })) },
  { weight: 2, arbitrary: fc.double({ min: 0, max: 300, noNaN: true }).map((dt) => ({ kind: 'runUntil' as const, dt })) },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.double({ min: 0, max: 1, noNaN: true }).map((value) => ({ kind: 'set' as const, path: 'faults.duplicate', value })),
      fc.boolean().map((value) => ({ kind: 'set' as const, path: 'remedies.idempotentConsumer', value })),
    ),
  },
  {
    weight: 5,
    arbitrary: fc
      .record({ pick: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), action: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), ms: fc.integer({ min: 1, max: 3000 }) })
      .map((r) => ({ kind: 'whatIf' as const, ...r })),
  },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }).map((fraction) => ({ kind: 'rewind' as const, fraction })) },
);

/** Drives a run as the page will: what-ifs on whatever the engine offers now, rewinds included. */
function steer(start: Scenario, ops: Op[]): { sim: Simulation; made: number } {
  let sim = new Simulation(start);
  let made = 0;
  for (const o of ops) {
    if (o.kind === 'step') for (let i = 0; i < o.n; i++) sim.step();
    else if (o.kind === 'runUntil') sim.runUntil(sim.now + o.dt);
    else if (o.kind === 'set') sim.setControl(o.path, o.value);
    else if (o.kind === 'whatIf') {
      const options = sim.whatIfTargets();
      if (options.length === 0) continue;
      const chosen = options[Math.floor(o.pick * options.length)];
      const action = chosen.actions[Math.floor(o.action * chosen.actions.length)];
      const w = (action === 'delay' ? { ...chosen.target, action, ms: o.ms } : { ...chosen.target, action }) as WhatIf;
      sim.whatIf(w);
      made++;
    } else {
      const t = sim.now * o.fraction;
      sim = new Simulation({ ...sim.scenario, changes: sim.scenario.changes.filter((c) => c.atMs <= t) });
      sim.runUntil(t);
    }
  }
  sim.runToEnd();
  return { sim, made };
}

/** Runs long enough that messages are still on the move when the what-ifs come. */
const lively = scenarioArb({ small: true }).map((s) => ({ ...s, durationMs: Math.max(s.durationMs, 4000) }));

const same = (a: Simulation, b: Simulation) => {
  expect(b.traceHash()).toBe(a.traceHash());
  expect(b.trace.length).toBe(a.trace.length);
  expect(JSON.stringify(b.report())).toBe(JSON.stringify(a.report()));
};

describe('runs steered by what-ifs replay exactly', () => {
  it('random what-ifs at random step points: the recorded scenario replays to the same trace and report', () => {
    let total = 0;
    fc.assert(
      fc.property(lively, fc.array(op, { maxLength: 16, size: 'medium' }), (s, ops) => {
        const { sim: live, made } = steer(s, ops);
        total += made;
        const recorded = parseScenario(JSON.parse(JSON.stringify(live.scenario)));
        expect(recorded).toEqual(live.scenario);
        const replay = new Simulation(recorded);
        replay.runToEnd();
        same(live, replay);
        // Every recorded what-if was possible again at its place: nothing was skipped.
        expect(replay.report().skippedWhatIfs).toBeUndefined();
      }),
      { numRuns: 120 },
    );
    // The property is only worth something if what-ifs were really made.
    console.log(`what-ifs made across the runs: ${total}`);
    expect(total).toBeGreaterThan(100);
  });

  it('the same holds through a link, a scenario file and the runner', () => {
    fc.assert(
      fc.property(lively, fc.array(op, { maxLength: 10 }), (s, ops) => {
        const { sim: live } = steer(s, ops);
        const link = linkOf(live);
        const hasWhatIf = live.scenario.changes.some((c) => c.whatIf !== undefined);
        expect(link).toContain(hasWhatIf ? '#v=3&' : '#v=2&');
        expectReplaysEverywhere(live, link, same);
      }),
      { numRuns: 40 },
    );
  });
});

describe('what-ifs through links and the runner', () => {
  const steered = () => {
    const sim = new Simulation(parseScenario({ seed: 4, workload: { orders: 3 } }));
    while (!sim.whatIfTargets().some((o) => o.msgType === 'ChargePayment')) sim.step();
    const charge = sim.whatIfTargets().find((o) => o.msgType === 'ChargePayment')!;
    sim.whatIf({ msg: charge.target.msg, action: 'duplicate' });
    sim.runToEnd();
    return sim;
  };

  it('a version 2 link carrying a what-if was edited by hand, and is refused with a clear message', () => {
    const link = buildLink('https://example.test/', { scenario: steered().scenario, playhead: 0, events: null, selectedOrder: null, selectedMessage: null, allow: null });
    const r = readLink(link.replace('#v=3&', '#v=2&'));
    expect(r.fellBack).toBe(true);
    expect(r.problems[0].field).toBe('changes[0].whatIf');
    expect(r.problems[0].message).toMatch(/not part of link version 2 \(per-message what-ifs came with version 3\)/);
  });

  it('the runner replays a scenario file with a what-if, and says so and fails when one cannot be made', () => {
    const live = steered();
    const ok = runCli(['run.json'], () => scenarioToJson(live.scenario));
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`trace ${live.traceHash()}`);
    expect(ok.stdout).toMatch(/Double charge/i);

    const broken = { ...live.scenario, changes: [{ ...live.scenario.changes[0], whatIf: { msg: 'm9999', action: 'drop' } }] };
    const bad = runCli(['run.json'], () => JSON.stringify(broken));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^what-if skipped: changes\[0\]: message m9999 is not in transit to the broker now \(at event \d+\)\n$/);
    expect(bad.stdout).toContain('what-if skipped: changes[0]');
  });
});
