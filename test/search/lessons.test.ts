/**
 * What a course's CI does with the search: every lesson whose goal is "no anomalies" claims its
 * reference solution heals the fault, so a search over other seeds must find no failing run
 * with the solution applied.
 */
import { describe, expect, it } from 'vitest';
import { applySettings } from '../../src/lessons/applySettings';
import { LESSONS } from '../../src/lessons/catalog';
import type { GoalNode, Lesson } from '../../src/lessons/types';
import { randomSearch } from '../../src/search';

/** The goal asks for zero anomalies somewhere in its "all" branch. */
function claimsToHeal(node: GoalNode): boolean {
  if ('all' in node) return node.all.some(claimsToHeal);
  return 'fact' in node && node.fact === 'anomalies.total' && node.max === 0;
}

const healing = (LESSONS as readonly Lesson<string>[]).filter((l) => claimsToHeal(l.goal.check));
const VISIBLE = { visible: ['manualReview' as const] };

describe("a lesson's solution has no failing run", () => {
  it('covers every lesson whose goal is no anomalies (at least ten)', () => {
    expect(healing.length).toBeGreaterThanOrEqual(10);
  });
  for (const lesson of healing) {
    it(`${lesson.id}: no failing run with the solution, over other seeds`, () => {
      const solved = applySettings(lesson.scenario, lesson.solution);
      const r = randomSearch(solved, { runs: 4, rule: VISIBLE });
      expect(r.found ? `run ${r.found.run} (seed ${r.found.scenario.seed}): ${r.found.violation.sentence}` : null).toBeNull();
    });
  }
});
