/**
 * Every lesson must be honest: its starting scenario does not meet the goal, and the
 * starting scenario plus the reference solution does, on the real engine, headless. Runs record
 * metrics and alerts exactly as the playground does, so goals on signals are checked too, and a
 * lesson's question is graded by the engine: the reference answer must be right and the start
 * (no answer) must not count.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applySettings } from '../../src/lessons/applySettings';
import { LESSONS } from '../../src/lessons/catalog';
import { evaluateGoal, type GoalResult } from '../../src/lessons/goal';
import { parseLesson } from '../../src/lessons/parseLesson';
import { gradeQuestion, type QuestionRuns, rightOrders, thresholdOutcomes } from '../../src/lessons/question';
import { runWithSignals } from '../../src/lessons/runSignals';
import { runScenario } from '../../src/sim/engine';
import type { Lesson } from '../../src/lessons/types';

/** The failing conditions, so a broken lesson says what it missed. */
function failing(r: GoalResult): string[] {
  if (r.children) return r.children.flatMap(failing);
  return r.ok ? [] : [`${r.label} (got ${r.actual})`];
}

/** The starting run and the solved run of a lesson, computed once per lesson. */
const runs = new Map<string, Required<QuestionRuns>>();
function runsOf(lesson: Lesson): Required<QuestionRuns> {
  let r = runs.get(lesson.id);
  if (!r) {
    r = { start: runWithSignals(lesson.scenario), solved: runWithSignals(applySettings(lesson.scenario, lesson.solution)) };
    runs.set(lesson.id, r);
  }
  return r;
}

describe('lesson replay', () => {
  it('has at least 16 lessons, two of them on observability', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(16);
    expect(LESSONS.filter((l) => l.signalsOnly).length).toBeGreaterThanOrEqual(1);
    expect(LESSONS.filter((l) => l.question?.kind === 'threshold').length).toBeGreaterThanOrEqual(1);
  });

  for (const lesson of LESSONS) {
    describe(lesson.id, () => {
      it('does not meet its goal from the starting scenario', () => {
        const { start } = runsOf(lesson);
        const result = evaluateGoal(lesson.goal, start.report, { signals: start.signals, answerCorrect: false });
        expect(result.ok, `${lesson.file}: the starting scenario already meets the goal`).toBe(false);
      });

      it('meets its goal with the reference solution', () => {
        const r = runsOf(lesson);
        const answerCorrect = lesson.question ? gradeQuestion(lesson.question, lesson.question.answer, r).correct : false;
        const result = evaluateGoal(lesson.goal, r.solved.report, { signals: r.solved.signals, answerCorrect });
        expect(failing(result), `${lesson.file}: the reference solution misses the goal`).toEqual([]);
        expect(result.ok).toBe(true);
      });

      it('recording metrics does not change the run', () => {
        expect(runsOf(lesson).solved.report.traceHash).toBe(runScenario(applySettings(lesson.scenario, lesson.solution)).traceHash);
      });

      if (lesson.question?.kind === 'order') {
        const q = lesson.question;
        it('grades its question against the engine: the reference order is right, other orders are not', () => {
          const r = runsOf(lesson);
          const right = rightOrders(q, r.start);
          expect(right, `${lesson.file}: the engine lists the right answers`).toContain(q.answer);
          // One order vanished: the question has exactly one answer.
          expect(right).toHaveLength(1);
          expect(gradeQuestion(q, ` ${q.answer.toUpperCase()} `, r).correct).toBe(true);
          const healthy = r.start.report.orders.find((o) => o.anomalies.length === 0)!;
          const wrong = gradeQuestion(q, healthy.id, r);
          expect(wrong.correct).toBe(false);
          expect(wrong.feedback).toMatch(/Payment/);
          expect(gradeQuestion(q, 'o999', r).feedback).toMatch(/no order/);
        });
      }

      if (lesson.question?.kind === 'threshold') {
        const q = lesson.question;
        it('grades its question against the engine: the reference waiting time is good, and the choice matters', () => {
          const r = runsOf(lesson);
          const outcomes = thresholdOutcomes(q, r.start, r.solved);
          expect(outcomes.find((o) => o.forMs === q.answer)?.verdict).toBe('good');
          // The options teach something: at least one pages on the healthy system, and one is too slow or silent.
          expect(outcomes.some((o) => o.verdict === 'noisy')).toBe(true);
          expect(outcomes.some((o) => o.verdict === 'slow' || o.verdict === 'silent')).toBe(true);
          const noisy = outcomes.find((o) => o.verdict === 'noisy')!;
          expect(gradeQuestion(q, noisy.forMs, r).correct).toBe(false);
        });
      }

      if (lesson.signalsOnly) {
        it('hides its faults: a signals-only lesson locks every fault', () => {
          expect(lesson.locked.filter((p) => p.startsWith('faults.')).length).toBe(Object.keys(lesson.scenario.faults).length);
        });
      }
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
