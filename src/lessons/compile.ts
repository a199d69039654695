/**
 * Builds the lesson and challenge catalogs from the files in `lessons/`: every file is parsed and
 * checked (`parseLesson`, `parseChallenge`), lessons are put in `lessons/index.json` order, and
 * every Markdown field is rendered to HTML. This runs at build time (and in the dev server),
 * through the Vite plugin in vitePlugin.ts, so the browser ships neither the YAML reader nor
 * markdown-it: it gets the finished data. Nothing here reads files; the caller hands in texts.
 * Node only (the plugin loads this module through Vite's module runner; the tests import it).
 */
import { isDeepStrictEqual } from 'node:util';
import { renderInline, renderMarkdown } from './markdown';
import { LessonError } from './lessonError';
import { parseChallenge } from './parseChallenge';
import { parseDesign } from './parseDesign';
import { parseLesson } from './parseLesson';
import type { Challenge, DesignChallenge, Html, Lesson, RenderedChallenge, RenderedDesignChallenge, RenderedLesson } from './types';

/** One file's text and its path from the repository root, e.g. `lessons/outbox.md` (errors name it). */
export interface SourceFile {
  path: string;
  text: string;
}

/** What the catalogs are built from. */
export interface CatalogSources {
  /** The lesson files (`lessons/*.md`, without the authors' guide). */
  lessons: readonly SourceFile[];
  /** The challenge files (`lessons/challenges/*.yaml`). */
  challenges: readonly SourceFile[];
  /** `lessons/index.json`: the course order. */
  index: SourceFile;
  /** The "break this design" files (`lessons/designs/*.yaml`); none when absent. */
  designs?: readonly SourceFile[];
}

/** The checked catalogs, Markdown as written. */
export interface Catalog {
  lessons: Lesson[];
  challenges: Challenge[];
  designs: DesignChallenge[];
}

/** The checked catalogs with every Markdown field rendered: what the browser gets. */
export interface RenderedCatalog {
  lessons: RenderedLesson[];
  challenges: RenderedChallenge[];
  designs: RenderedDesignChallenge[];
}

/** Puts lessons in index order; every lesson file must be listed exactly once and vice versa. */
export function orderLessons<L extends Lesson<string>>(lessons: L[], order: unknown, source = 'lessons/index.json'): L[] {
  if (typeof order !== 'object' || order === null || !Array.isArray((order as { lessons?: unknown }).lessons)) {
    throw new LessonError(source, 'lessons', 'must be a list of lesson ids');
  }
  const ids = (order as { lessons: unknown[] }).lessons;
  const byId = new Map(lessons.map((l) => [l.id, l]));
  const out: L[] = [];
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

function parseIndex({ path, text }: SourceFile): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new LessonError(path, 'file', `is not valid JSON (${(e as Error).message})`);
  }
}

/** Parses and checks every file; throws the first `LessonError` (naming the file and the field). */
export function loadCatalog(src: CatalogSources): Catalog {
  const lessons = src.lessons.map(({ path, text }) => {
    const l = parseLesson(text, path);
    const expected = path.replace(/^.*\//, '').replace(/\.md$/, '');
    if (l.id !== expected) throw new LessonError(l.file, 'id', `must match the file name "${expected}", got "${l.id}"`);
    return l;
  });
  // Sorted by id so a seeded pick is stable, whatever order the files were listed in.
  const challenges = src.challenges.map(({ path, text }) => parseChallenge(text, path)).sort((a, b) => a.id.localeCompare(b.id));
  const designs = (src.designs ?? []).map(({ path, text }) => parseDesign(text, path)).sort((a, b) => a.id.localeCompare(b.id));
  const seen = new Set<string>();
  for (const d of designs) {
    if (seen.has(d.id)) throw new LessonError(d.file, 'id', `"${d.id}" is used by another design`);
    seen.add(d.id);
  }
  return { lessons: orderLessons(lessons, parseIndex(src.index), src.index.path), challenges, designs };
}

const block = (md: string) => renderMarkdown(md) as Html;
const inline = (md: string) => renderInline(md) as Html;

/** The lesson with its steps, interview answer and question explanation rendered as blocks, hints and points inline. */
export function renderLesson(l: Lesson): RenderedLesson {
  return {
    ...l,
    hints: l.hints.map(inline),
    steps: l.steps.map((s) => ({ ...s, markdown: block(s.markdown) })),
    interview: { ...l.interview, answer: block(l.interview.answer), points: l.interview.points.map(inline) },
    question: l.question && { ...l.question, explain: block(l.question.explain) },
  };
}

/** The challenge with its story and explanation rendered. */
export function renderChallenge(c: Challenge): RenderedChallenge {
  return { ...c, story: block(c.story), explanation: block(c.explanation) };
}

/** The design challenge with its story and explanation rendered. */
export function renderDesign(d: DesignChallenge): RenderedDesignChallenge {
  return { ...d, story: block(d.story), explanation: block(d.explanation) };
}

/** Parses, checks, orders and renders: the catalogs as the browser gets them. */
export function compileCatalog(src: CatalogSources): RenderedCatalog {
  const { lessons, challenges, designs } = loadCatalog(src);
  return { lessons: lessons.map(renderLesson), challenges: challenges.map(renderChallenge), designs: designs.map(renderDesign) };
}

/** The code of the `virtual:lessons` module: `LESSONS`, `CHALLENGES` and `DESIGNS`, compiled from `src`. */
export function catalogModule(src: CatalogSources): string {
  const catalog = compileCatalog(src);
  const out: string[] = [];
  for (const [name, data] of [
    ['LESSONS', catalog.lessons],
    ['CHALLENGES', catalog.challenges],
    ['DESIGNS', catalog.designs],
  ] as const) {
    const json = JSON.stringify(data);
    // The catalog is plain data; make sure nothing (an undefined, a NaN, a Map) changes on its way to the page.
    if (!isDeepStrictEqual(JSON.parse(json), data)) throw new Error(`the ${name} catalog does not survive JSON; lessons must compile to plain data`);
    out.push(`export const ${name} = ${json};`);
  }
  return `${out.join('\n')}\n`;
}
