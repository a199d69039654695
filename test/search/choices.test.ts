/**
 * The choice source: recording changes nothing, a recorded sequence replays the same run, an
 * empty one gives the simple run, and injection makes exactly the chosen fault decisions happen.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { ChoiceSource, trimChoices } from '../../src/sim/choices';
import { Simulation } from '../../src/sim/engine';
import { parseScenario, ScenarioError } from '../../src/sim/scenario';
import type { Scenario, ScenarioInput } from '../../src/sim/types';

function run(s: Scenario, choices?: ChoiceSource): Simulation {
  const sim = new Simulation(s, choices ? { choices } : {});
  sim.runToEnd();
  return sim;
}

const faulty = (seed: number, extra: ScenarioInput = {}): Scenario =>
  parseScenario({
    seed,
    workload: { orders: 4, intervalMs: 40, cancelRatio: 0.3 },
    faults: { drop: 0.1, duplicate: 0.2, reorder: 0.2, crashAfterCommit: 0.05, crashBeforeAck: 0.05, paymentTimeout: 0.2, clientRetry: 0.2, poison: 0.05, clockSkewMs: 200 },
    ...extra,
  });

describe('choice source', () => {
  it('recording a run changes nothing, and replaying the record gives the same run', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        const s = faulty(seed);
        const plain = run(s);
        const src = new ChoiceSource({ kind: 'record' });
        const recorded = run(s, src);
        expect(recorded.traceHash()).toBe(plain.traceHash());
        const again = run(s, new ChoiceSource({ kind: 'replay', choices: src.recorded() }));
        expect(again.traceHash()).toBe(plain.traceHash());
        // Trailing simple values are what a replay supplies anyway.
        const trimmed = run({ ...s, choices: trimChoices(src.recorded()) });
        expect(trimmed.traceHash()).toBe(plain.traceHash());
      }),
      { numRuns: 15 },
    );
  });

  it('an empty sequence gives the simple run: no fault decision says yes', () => {
    const src = new ChoiceSource({ kind: 'replay', choices: {} });
    const sim = run(faulty(7), src);
    expect(src.decisions().length).toBeGreaterThan(0);
    expect(src.decisions().every((d) => !d.value)).toBe(true);
    const m = sim.report().metrics;
    expect(m.dropped + m.duplicated + m.crashes).toBe(0);
  });

  it('injection makes exactly the chosen fault decisions happen, and names each by its fault', () => {
    const s = faulty(3);
    const none = new ChoiceSource({ kind: 'inject', at: [] });
    run(s, none);
    const faults = none.decisions().filter((d) => d.fault !== null);
    expect(faults.length).toBe(none.faultDecisions);
    expect(faults.every((d) => !d.value)).toBe(true);
    const dropAt = faults.findIndex((d) => d.fault === 'drop');
    expect(dropAt).toBeGreaterThanOrEqual(0);
    const one = new ChoiceSource({ kind: 'inject', at: [dropAt] });
    const sim = run(s, one);
    const yes = one.decisions().filter((d) => d.fault !== null && d.value);
    expect(yes.map((d) => d.fault)).toEqual(['drop']);
    expect(sim.trace.filter((e) => e.kind === 'drop').length).toBeGreaterThanOrEqual(1);
  });

  it('holds no function, so a checkpoint that copies the simulation can copy it', () => {
    const src = new ChoiceSource({ kind: 'inject', at: [1] });
    run(faulty(5), src);
    const fields = Object.values(src as unknown as Record<string, unknown>);
    expect(fields.some((v) => typeof v === 'function')).toBe(false);
    expect(structuredClone(src.snapshot())).toEqual(src.snapshot());
  });

  it('a scenario file carries its choices; bad ones get a message naming the place', () => {
    expect(parseScenario({ choices: { bus: [true, 0.5, false] } }).choices).toEqual({ bus: [true, 0.5, false] });
    const bad = (choices: unknown) => {
      try {
        parseScenario({ choices });
      } catch (e) {
        expect(e).toBeInstanceOf(ScenarioError);
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(bad({ bus: [true, 1] })).toMatch(/choices\.bus\[1\].*below 1.*1/);
    expect(bad({ bus: [true, 'x'] })).toMatch(/choices\.bus\[1\]/);
    expect(bad({ radio: [] })).toMatch(/choices\.radio.*allowed here: workload, bus/);
    expect(bad([true])).toMatch(/choices/);
    expect(bad({ bus: 3 })).toMatch(/choices\.bus.*list/);
  });

  it('the runner replays a recorded file quietly, and says so when its choices no longer fit', () => {
    const s = faulty(9);
    const src = new ChoiceSource({ kind: 'record' });
    run(s, src);
    const file = (choices: unknown) => () => JSON.stringify({ seed: 9, workload: { orders: 4, intervalMs: 40, cancelRatio: 0.3 }, faults: s.faults, choices });
    const ok = runCli(['f.json'], file(trimChoices(src.recorded())));
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    const extra = runCli(['f.json'], file({ ...src.recorded(), reconciler: Array(50).fill(false) }));
    expect(extra.code).toBe(1);
    expect(extra.stderr).toMatch(/recorded choices: 0 did not fit .* and 50 were never asked for/);
    // The workload's first decision is a draw (the order's jitter): a yes/no there does not fit.
    const misfit = runCli(['f.json'], file({ workload: [true] }));
    expect(misfit.stderr).toMatch(/recorded choices: 1 did not fit/);
  });
});
