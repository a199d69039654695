/**
 * Every lesson must be honest: its starting scenario does not meet the goal, and the
 * starting scenario plus the reference solution does, on the real engine, headless.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applySettings } from '../../src/lessons/applySettings';
import { LESSONS } from '../../src/lessons/catalog';
import { evaluateGoal, type GoalResult } from '../../src/lessons/goal';
import { parseLesson } from '../../src/lessons/parseLesson';
import { runScenario } from '../../src/sim/engine';

/** The failing conditions, so a broken lesson says what it missed. */
function failing(r: GoalResult): string[] {
  if (r.children) return r.children.flatMap(failing);
  return r.ok ? [] : [`${r.label} (got ${r.actual})`];
}

describe('lesson replay', () => {
  it('has at least 13 lessons', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(13);
  });

  for (const lesson of LESSONS) {
    describe(lesson.id, () => {
      it('does not meet its goal from the starting scenario', () => {
        const result = evaluateGoal(lesson.goal, runScenario(lesson.scenario));
        expect(result.ok, `${lesson.file}: the starting scenario already meets the goal`).toBe(false);
      });

      it('meets its goal with the reference solution', () => {
        const report = runScenario(applySettings(lesson.scenario, lesson.solution));
        const result = evaluateGoal(lesson.goal, report);
        expect(failing(result), `${lesson.file}: the reference solution misses the goal`).toEqual([]);
        expect(result.ok).toBe(true);
      });
    });
  }
});

describe('invalid lesson files', () => {
  it('names the lesson and the field', () => {
    const source = 'test/lessons/fixtures/broken-goal-fact.md';
    const text = readFileSync(join(__dirname, 'fixtures', 'broken-goal-fact.md'), 'utf8');
    expect(() => parseLesson(text, source)).toThrow(
      /lesson "broken-goal-fact" \(test\/lessons\/fixtures\/broken-goal-fact\.md\): field "goal\.all\[1\]\.fact"/,
    );
  });
});
