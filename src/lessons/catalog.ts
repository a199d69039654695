/**
 * The lesson and challenge catalogs, read from the files in `lessons/` at build time
 * (Vite inlines them as text), in the order `lessons/index.json` sets.
 */
import indexJson from '../../lessons/index.json';
import { parseChallenge } from './parseChallenge';
import { parseLesson } from './parseLesson';
import { LessonError } from './lessonError';
import type { Challenge, Lesson } from './types';

// The authors' guide lives beside the lessons but is not one, so it stays out of the bundle.
const lessonFiles = import.meta.glob(['../../lessons/*.md', '!../../lessons/README.md'], { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;
const challengeFiles = import.meta.glob('../../lessons/challenges/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

/** `../../lessons/x.md` → `lessons/x.md`, the name authors know. */
const repoPath = (key: string) => key.replace(/^(\.\.\/)+/, '');

/** Puts lessons in index order; every lesson file must be listed exactly once and vice versa. */
export function orderLessons(lessons: Lesson[], order: unknown, source = 'lessons/index.json'): Lesson[] {
  if (typeof order !== 'object' || order === null || !Array.isArray((order as { lessons?: unknown }).lessons)) {
    throw new LessonError(source, 'lessons', 'must be a list of lesson ids');
  }
  const ids = (order as { lessons: unknown[] }).lessons;
  const byId = new Map(lessons.map((l) => [l.id, l]));
  const out: Lesson[] = [];
  ids.forEach((id, i) => {
    const l = typeof id === 'string' ? byId.get(id) : undefined;
    if (!l) throw new LessonError(source, `lessons[${i}]`, `names ${JSON.stringify(id)}, which no lesson file defines`);
    if (out.includes(l)) throw new LessonError(source, `lessons[${i}]`, `lists "${l.id}" twice`);
    out.push(l);
  });
  for (const l of lessons) {
    if (!out.includes(l)) throw new LessonError(source, 'lessons', `does not list "${l.id}" (${l.file})`);
  }
  return out;
}

function loadLessons(): Lesson[] {
  const lessons = Object.entries(lessonFiles).map(([k, text]) => {
    const l = parseLesson(text, repoPath(k));
    const expected = repoPath(k).replace(/^lessons\//, '').replace(/\.md$/, '');
    if (l.id !== expected) throw new LessonError(l.file, 'id', `must match the file name "${expected}", got "${l.id}"`);
    return l;
  });
  return orderLessons(lessons, indexJson);
}

function loadChallenges(): Challenge[] {
  return Object.entries(challengeFiles)
    .map(([k, text]) => parseChallenge(text, repoPath(k)))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** All lessons, in course order. */
export const LESSONS: readonly Lesson[] = loadLessons();

/** All challenge definitions, sorted by id so a seeded pick is stable. */
export const CHALLENGES: readonly Challenge[] = loadChallenges();

/** Finds a lesson by id. */
export function lessonById(id: string | null | undefined): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
