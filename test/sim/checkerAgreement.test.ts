/**
 * The report agrees with the independent checker. Over random scenarios — every fault anywhere
 * in its documented range, any remedies, scarce stock, cancels, free orders, control changes
 * recorded in the scenario and made by hand between steps — every broken business rule is
 * reported by an anomaly naming its order (no false negatives), every anomaly has a broken rule
 * behind it (no false positives), and what each sentence states as fact is true. A failure
 * prints the (shrunk) scenario as JSON; pin it below once fixed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkInvariants, compareWithReport } from '../../src/sim/checker';
import { Simulation } from '../../src/sim/engine';
import { parseScenario, parseScenarioJson } from '../../src/sim/scenario';
import type { ScenarioInput } from '../../src/sim/types';
import { randomScenario } from './support/randomScenario';
import { falseClaims } from './support/sentences';

/** Runs per property; raise with AGREEMENT_RUNS=2000 for a deeper search. */
const RUNS = Number(process.env.AGREEMENT_RUNS ?? 150);

/** A control changed by hand after some number of steps (the live path, not the recorded one). */
interface Steer {
  afterSteps: number;
  path: string;
  value: number | boolean | string;
}

/** Runs a scenario (steering it by hand if asked) and lists every disagreement in words. */
function disagreements(input: ScenarioInput, steer: Steer[] = []): string[] {
  const sim = new Simulation(parseScenario(input));
  let steps = 0;
  for (const st of [...steer].sort((a, b) => a.afterSteps - b.afterSteps)) {
    while (steps < st.afterSteps && sim.step()) steps++;
    if (!sim.done) sim.setControl(st.path, st.value);
  }
  sim.runToEnd();
  const report = sim.report();
  const { missed, unbacked } = compareWithReport(checkInvariants(sim), report);
  return [
    ...missed.map((m) => `missed ${m.invariant} (expected ${m.expected.join('/')}): ${m.sentence}`),
    ...unbacked.map((u) => `unbacked ${u.kind} ${u.orderIds.join(',')}: ${u.explanation}`),
    ...report.anomalyList.flatMap((a) => falseClaims(a, sim).map((c) => `false sentence in ${a.kind}: ${c} — "${a.explanation}"`)),
  ];
}

const steer: fc.Arbitrary<Steer[]> = fc.array(
  fc.oneof(
    fc.record({ afterSteps: fc.integer({ min: 0, max: 600 }), path: fc.constantFrom('faults.drop', 'faults.duplicate', 'faults.reorder', 'faults.crashAfterCommit', 'faults.paymentTimeout'), value: fc.double({ min: 0, max: 1, noNaN: true }) }),
    fc.record({ afterSteps: fc.integer({ min: 0, max: 600 }), path: fc.constantFrom('remedies.outbox', 'remedies.idempotentConsumer', 'remedies.saga', 'remedies.reconciliation', 'remedies.retries'), value: fc.boolean() }),
  ),
  { maxLength: 2 },
);

describe('the report agrees with the independent checker', () => {
  it('no missed violation, no unbacked anomaly, no false sentence, across random scenarios', () => {
    fc.assert(
      fc.property(randomScenario, (s) => {
        const wrong = disagreements(s);
        expect(wrong, `scenario ${JSON.stringify(s)}:\n${wrong.join('\n')}`).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('also when controls are changed by hand between steps', () => {
    fc.assert(
      fc.property(randomScenario, steer, (s, st) => {
        const wrong = disagreements(s, st);
        expect(wrong, `scenario ${JSON.stringify(s)} steered ${JSON.stringify(st)}:\n${wrong.join('\n')}`).toEqual([]);
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });

  // Every disagreement `npm run fuzz` once found, shrunk and kept as a file, must stay fixed.
  const FIXTURES = join(__dirname, 'fixtures', 'fuzz');
  for (const dir of readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const file of readdirSync(join(FIXTURES, dir.name)).filter((f) => f.endsWith('.json'))) {
      it(`pinned fuzz finding ${dir.name}/${file}`, () => {
        const scenario = parseScenarioJson(readFileSync(join(FIXTURES, dir.name, file), 'utf8'));
        expect(disagreements(scenario)).toEqual([]);
      });
    }
  }
});
