/**
 * The search against the truth table: for every row, with its remedy off a random search finds a
 * broken business rule and shrinks it to a small scenario file that the runner replays to the same
 * rule; with every remedy on, a modest search finds nothing (what the design shows as visible,
 * not healed — an order parked for manual review — is not counted as a failure).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { randomSearch, shrink } from '../../src/search';
import { ANOMALIES_FOR, checkInvariants } from '../../src/sim/checker';
import { Simulation } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';
import { ALL_REMEDIES, TRUTH_TABLE } from '../../src/sim/truthTable';

const VISIBLE = { visible: ['manualReview' as const] };

describe('search over the truth table', () => {
  for (const row of TRUTH_TABLE) {
    it(`${row.id}: with its remedy off, finds a failing run and shrinks it to a file the runner replays`, () => {
      const scenario = parseScenario(row.scenario);
      const r = randomSearch(scenario, { runs: 40, rule: VISIBLE });
      expect(r.found, `no failing run in ${r.runs} runs`).not.toBeNull();
      const m = shrink(r.found!, { rule: VISIBLE, budget: 250 });
      // Shrunk: one of the rules the found run broke, and no more orders than it had.
      expect(r.found!.violations.map((v) => v.invariant)).toContain(m.violation.invariant);
      expect(m.scenario.workload.orders).toBeLessThanOrEqual(scenario.workload.orders);
      expect(m.scenario.remedies).toEqual(scenario.remedies);
      // The file, as text, through the validator, replays to the same broken rule...
      const text = JSON.stringify(m.file);
      const sim = new Simulation(parseScenario(JSON.parse(text)));
      sim.runToEnd();
      expect(checkInvariants(sim).map((v) => v.invariant)).toContain(m.violation.invariant);
      // ...and the runner, as `npm run sim -- file.json --json` does, reports it.
      const out = runCli(['min.json', '--json'], () => text);
      expect(out.code).toBe(0);
      const kinds: string[] = JSON.parse(out.stdout).anomalyList.map((a: { kind: string }) => a.kind);
      expect(kinds.some((k) => ANOMALIES_FOR[m.violation.invariant].includes(k)), `runner shows ${kinds.join(', ')}`).toBe(true);
    });
  }

  for (const row of TRUTH_TABLE) {
    it(`${row.id}: with every remedy on, finds no failing run`, () => {
      const scenario = parseScenario({ ...row.scenario, remedies: ALL_REMEDIES });
      const r = randomSearch(scenario, { runs: 6, rule: VISIBLE });
      expect(r.found?.violation.sentence ?? null).toBeNull();
      expect(r.runs).toBe(6);
    });
  }
});
