/** The what-if buttons' words: every action offered by the engine has a label and an explanation; the delay field's check. */
import { describe, expect, test } from 'vitest';
import { Simulation } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';
import { explain, groupTitle, MAX_DELAY_MS, readDelay, WHAT_IF_LABELS } from '../../src/ui/panels/whatIfWords';

describe('what-if words', () => {
  test('every option the engine offers during a run gets a group title, labels and one-line explanations', () => {
    const sim = new Simulation(parseScenario({ seed: 3, workload: { orders: 3 }, faults: { crashBeforeAck: 0.2 } }));
    const seen = new Set<string>();
    while (sim.step()) {
      for (const o of sim.whatIfTargets()) {
        expect(groupTitle(o)).toMatch(/\S/);
        for (const a of o.actions) {
          seen.add(`${o.where}:${a}`);
          expect(WHAT_IF_LABELS[a]).toMatch(/\S/);
          const line = explain(a, o);
          expect(line).toMatch(/^[A-Z].*\.$/);
          expect(line).not.toContain('\n');
        }
      }
    }
    // The run offered every action somewhere.
    for (const a of Object.keys(WHAT_IF_LABELS)) expect([...seen].some((k) => k.endsWith(`:${a}`))).toBe(true);
  });

  test('the delay field takes 1 to a day in ms and names anything else', () => {
    expect(readDelay(' 250 ')).toEqual({ ok: true, ms: 250 });
    expect(readDelay('0.5')).toEqual({ ok: false, problem: `The delay must be between 1 and 86,400,000 ms, not 0.5.` });
    expect(readDelay('')).toEqual({ ok: false, problem: 'The delay must be a number of milliseconds, not empty.' });
    expect(readDelay('soon')).toEqual({ ok: false, problem: 'The delay must be a number of milliseconds, not "soon".' });
    expect(readDelay(String(MAX_DELAY_MS + 1)).ok).toBe(false);
    expect(readDelay('Infinity').ok).toBe(false);
  });
});
