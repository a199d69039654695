/**
 * "Break this design" challenges are data, checked by running them: each design holds as given
 * (pressing "Check my run" without doing anything does not pass), its reference solution really
 * breaks the rule it names, the fix it names stops that break, and the search finds a break once
 * the solution's faults are on. The parser names the file and field of a bad definition, and the
 * grading refuses a run whose remedies are not the design.
 */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DESIGNS } from '../../src/lessons/catalog';
import { compileCatalog } from '../../src/lessons/compile';
import { designMismatch, fixedScenario, gradeDesignRun, solutionScenario } from '../../src/lessons/designGrade';
import { parseDesign } from '../../src/lessons/parseDesign';
import { readLessonFiles } from '../../src/lessons/vitePlugin';
import { checkInvariants } from '../../src/sim/checker';
import { Simulation } from '../../src/sim/engine';
import { withControl } from '../../src/sim/scenario';
import { searchSlice } from '../../src/ui/search/backend';
import { RULE } from '../../src/ui/search/rule';

const ROOT = resolve(__dirname, '../..');

describe('design challenges', () => {
  it('there are at least two, and the app gets them as compiled from lessons/designs', () => {
    expect(DESIGNS.length).toBeGreaterThanOrEqual(2);
    const { sources } = readLessonFiles(join(ROOT, 'lessons'), ROOT);
    expect(DESIGNS).toStrictEqual(compileCatalog(sources).designs);
    expect(DESIGNS[0].story).toMatch(/^<p>/);
  });

  for (const d of DESIGNS) {
    it(`${d.id}: holds as given, so the learner has to break it`, () => {
      expect(gradeDesignRun(d, d.scenario)).toEqual({ kind: 'holds', excused: 0 });
    });

    it(`${d.id}: its solution breaks ${d.solution.breaks}`, () => {
      const g = gradeDesignRun(d, solutionScenario(d));
      expect(g.kind, d.file).toBe('broken');
      if (g.kind === 'broken') expect(g.violations.map((v) => v.invariant)).toContain(d.solution.breaks);
    });

    it(`${d.id}: its fix stops the solution's break`, () => {
      const sim = new Simulation(fixedScenario(d));
      sim.runToEnd();
      expect(checkInvariants(sim), d.file).toEqual([]);
    });

    it(`${d.id}: the search finds a break once the solution's faults are on`, () => {
      const base = { ...d.scenario, faults: { ...d.scenario.faults, ...d.solution.faults } };
      const r = searchSlice(base, 0, 30, RULE, () => {});
      expect(r.found, d.file).not.toBeNull();
      expect(designMismatch(d, r.found!.scenario)).toBeNull();
    });
  }
});

describe('grading', () => {
  it('an order parked for manual review is visible, not healed: the design holds, and says so', () => {
    const d = DESIGNS.find((x) => x.scenario.remedies.deadLetterQueue)!;
    const s = { ...d.scenario, seed: 3, faults: { ...d.scenario.faults, poison: 0.3 } };
    const g = gradeDesignRun(d, s);
    expect(g.kind === 'holds' ? g.excused : -1).toBeGreaterThan(0);
  });

  const d = DESIGNS[0];

  it('refuses a run whose remedies differ from the design, naming them', () => {
    const key = (Object.keys(d.fix) as (keyof typeof d.fix)[])[0];
    const g = gradeDesignRun(d, { ...solutionScenario(d), remedies: { ...d.scenario.remedies, ...d.fix } });
    expect(g).toEqual({ kind: 'notTheDesign', problem: expect.stringContaining(String(key)) });
  });

  it('refuses a run in which a remedy was switched part way', () => {
    const s = { ...solutionScenario(d), changes: [{ atMs: 100, path: 'remedies.saga', value: false }] };
    expect(gradeDesignRun(d, s)).toEqual({ kind: 'notTheDesign', problem: 'a remedy was switched during the run (remedies.saga)' });
  });

  it('counts faults switched part way: they are the learner’s to choose', () => {
    const [fault, value] = Object.entries(d.solution.faults)[0];
    const s = withControl({ ...d.scenario, seed: d.solution.seed, changes: [] }, 'faults.latencyMs', 20);
    const steered = { ...s, changes: [{ atMs: 0, path: `faults.${fault}`, value: value as number }] };
    expect(gradeDesignRun(d, steered).kind).toBe('broken');
  });
});

describe('parsing a design file', () => {
  const good = `id: x
title: X
story: Break it.
scenario:
  remedies: { outbox: true }
solution:
  seed: 1
  faults: { drop: 0.2 }
  breaks: ordersEnd
fix: { idempotencyKey: true }
explanation: Because.
`;

  it('reads a valid file, keeping only the faults and fix it names', () => {
    const d = parseDesign(good, 'lessons/designs/x.yaml');
    expect(d.solution).toEqual({ seed: 1, faults: { drop: 0.2 }, breaks: 'ordersEnd' });
    expect(d.fix).toEqual({ idempotencyKey: true });
    expect(d.scenario.remedies.outbox).toBe(true);
  });

  it.each([
    [good.replace('title: X', 'titel: X'), /field "titel" is not a design field/],
    [good.replace('breaks: ordersEnd', 'breaks: everythingFine'), /field "solution.breaks" must name the business rule/],
    [good.replace('faults: { drop: 0.2 }', 'faults: { drop: 2 }'), /field "solution.faults.drop"/],
    [good.replace('faults: { drop: 0.2 }', 'faults: {}'), /field "solution.faults" must switch at least one fault on/],
    [good.replace('fix: { idempotencyKey: true }', 'fix: { idempotencyKeys: true }'), /field "fix.idempotencyKeys"/],
    [good.replace('  remedies: { outbox: true }\n', '  seed: 3\n'), /field "scenario.remedies" must name the design/],
    [good.replace('  seed: 1\n  faults', '  seed: -1\n  faults'), /field "solution.seed" must be a whole number/],
  ])('names the field of a mistake (%#)', (text, message) => {
    expect(() => parseDesign(text, 'lessons/designs/x.yaml')).toThrow(message);
  });
});
