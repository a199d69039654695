/** Lesson and challenge file parsing: the real files are valid, broken fixtures say what is wrong. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import indexJson from '../../lessons/index.json';
import { CHALLENGES, LESSONS } from '../../src/lessons/catalog';
import { orderLessons } from '../../src/lessons/compile';
import { parseChallenge } from '../../src/lessons/parseChallenge';
import { parseLesson, splitSteps } from '../../src/lessons/parseLesson';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
const where = (name: string) => `test/lessons/fixtures/${name}`;

describe('lesson catalog', () => {
  it('follows lessons/index.json', () => {
    expect(LESSONS.map((l) => l.id)).toEqual(indexJson.lessons);
  });

  it('gives every lesson steps, hints, a solution and an interview card', () => {
    for (const l of LESSONS) {
      expect(l.steps.length, l.id).toBeGreaterThanOrEqual(2);
      expect(l.hints.length, l.id).toBeGreaterThanOrEqual(1);
      expect(l.solution.length, l.id).toBeGreaterThanOrEqual(1);
      expect(l.interview.points.length, l.id).toBeGreaterThanOrEqual(2);
    }
  });

  it('rejects an index that misses a lesson or names an unknown one', () => {
    expect(() => orderLessons([...LESSONS], { lessons: indexJson.lessons.slice(1) })).toThrow(/does not list "happy-path"/);
    expect(() => orderLessons([...LESSONS], { lessons: [...indexJson.lessons, 'nope'] })).toThrow(new RegExp(`lessons\\[${indexJson.lessons.length}\\].*"nope"`));
  });

  it('loads the challenges', () => {
    expect(CHALLENGES.length).toBeGreaterThanOrEqual(4);
  });
});

describe('broken lesson fixtures', () => {
  const cases: [string, RegExp][] = [
    ['broken-goal-fact.md', /lesson "broken-goal-fact" .*field "goal\.all\[1\]\.fact" must name a known fact/],
    ['broken-scenario.md', /lesson "broken-scenario" .*field "scenario\.faults\.duplicate" must be between 0 and 1, got 1\.5/],
    ['broken-solution.md', /lesson "broken-solution" .*field "solution\[0\]\.path" changes "faults\.drop", which the lesson locks/],
    ['broken-missing-title.md', /lesson "broken-missing-title" .*field "title" must be a non-empty text/],
    ['broken-yaml.md', /broken-yaml\.md: field "front matter" is not valid YAML/],
  ];
  for (const [file, message] of cases) {
    it(`${file} fails with the lesson and field named`, () => {
      expect(() => parseLesson(fixture(file), where(file))).toThrow(message);
    });
  }

  it('needs front matter at all', () => {
    expect(() => parseLesson('## Step\n\ntext', 'x.md')).toThrow(/x\.md: field "front matter" is missing/);
  });

  it('rejects unknown fields', () => {
    const text = fixture('broken-scenario.md').replace('id: broken-scenario', 'id: ok\ncolour: blue');
    expect(() => parseLesson(text, 'x.md')).toThrow(/field "colour" is not a lesson field/);
  });

  it('rejects a challenge with no hidden fault', () => {
    expect(() => parseChallenge(fixture('broken-challenge.yaml'), where('broken-challenge.yaml'))).toThrow(
      /challenge "broken-challenge" .*field "scenario\.faults" must switch on at least one fault/,
    );
  });
});

describe('splitSteps', () => {
  it('splits at level-two headings, not inside code fences', () => {
    const steps = splitSteps('## One\n\nA\n\n```\n## not a heading\n```\n\n## Two\n\nB\n', 'x');
    expect(steps.map((s) => s.title)).toEqual(['One', 'Two']);
    expect(steps[0].markdown).toContain('## not a heading');
  });

  it('refuses text before the first step and empty steps', () => {
    expect(() => splitSteps('intro\n## One\ntext', 'x')).toThrow(/field "body"/);
    expect(() => splitSteps('## One\n\n## Two\ntext', 'x')).toThrow(/step "One"/);
  });
});
