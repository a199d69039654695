/**
 * The lesson and challenge catalogs the app uses: built from the files in `lessons/` at build
 * time by the Vite plugin in vitePlugin.ts (parsed, checked, in `lessons/index.json` order, with
 * every Markdown field rendered to HTML), so the page does no parsing and ships no parser.
 * Tests get the same data: Vitest runs the same plugin.
 */
import { CHALLENGES as challenges, DESIGNS as designs, LESSONS as lessons } from 'virtual:lessons';
import type { RenderedChallenge, RenderedDesignChallenge, RenderedLesson } from './types';

/** All lessons, in course order. */
export const LESSONS: readonly RenderedLesson[] = lessons;

/** All challenge definitions, sorted by id so a seeded pick is stable. */
export const CHALLENGES: readonly RenderedChallenge[] = challenges;

/** All "break this design" challenges, sorted by id. */
export const DESIGNS: readonly RenderedDesignChallenge[] = designs;

/** Finds a design challenge by id. */
export function designById(id: string | null | undefined): RenderedDesignChallenge | undefined {
  return DESIGNS.find((d) => d.id === id);
}

/** Finds a lesson by id. */
export function lessonById(id: string | null | undefined): RenderedLesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
