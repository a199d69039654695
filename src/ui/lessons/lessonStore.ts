/**
 * The lesson player's state: which lesson and step is open, which hints are showing, and the
 * learner's saved progress. It lives outside React so switching side tabs keeps your place.
 */
import { create } from 'zustand';
import { applySettings } from '../../lessons/applySettings';
import { LESSONS, lessonById } from '../../lessons/catalog';
import { type KeyValueStore, loadProgress, markCompleted, type Progress, saveProgress } from '../../lessons/progress';
import type { Lesson } from '../../lessons/types';
import { hideFaultControls, loadIntoPlayground } from './playgroundAdapter';
import { writeParams } from './urlParams';

/** Which half of the panel is showing. */
export type LessonMode = 'lessons' | 'challenge';

/** The store's shape. */
export interface LessonState {
  mode: LessonMode;
  lessonId: string | null;
  /** 0-based; `lesson.steps.length` is the interview card. */
  step: number;
  hintsShown: number;
  /** The solution was applied to the playground for the open lesson. */
  solutionShown: boolean;
  progress: Progress;
  /** A message about progress, e.g. that saved data was damaged and reset. */
  notice: string | null;
  /** A goal was met in the current run (set once per load, so the banner does not flicker). */
  justCompleted: string | null;
  /** What the lesson panel last loaded into the playground: `lesson:<id>` or `challenge:<seed>`. */
  playgroundHolds: string | null;
}

function storage(): KeyValueStore | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null;
  }
}

const initial = loadProgress(storage());

/** The one lesson store. */
export const useLessons = create<LessonState>(() => ({
  mode: 'lessons',
  lessonId: null,
  step: 0,
  hintsShown: 0,
  solutionShown: false,
  progress: initial.progress,
  notice: initial.notice,
  justCompleted: null,
  playgroundHolds: null,
}));

/** The open lesson, if any. */
export function currentLesson(): Lesson | undefined {
  return lessonById(useLessons.getState().lessonId);
}

/** Opens a lesson at its first step and loads its starting scenario into the playground. */
export function openLesson(id: string): boolean {
  const lesson = lessonById(id);
  if (!lesson) {
    useLessons.setState({ notice: `There is no lesson called "${id}". Pick one from the list.` });
    return false;
  }
  useLessons.setState({ mode: 'lessons', lessonId: id, step: 0, hintsShown: 0, solutionShown: false, justCompleted: null, playgroundHolds: `lesson:${id}` });
  loadIntoPlayground(lesson.scenario, lesson.locked);
  // Leaving a challenge for a lesson: the fault sliders are part of the lesson again.
  hideFaultControls(false);
  writeParams({ lesson: id, challenge: null });
  return true;
}

/** Reloads the open lesson's starting scenario; keeps the step, hides hints and solution. */
export function resetLesson(): void {
  const lesson = currentLesson();
  if (!lesson) return;
  useLessons.setState({ hintsShown: 0, solutionShown: false, justCompleted: null, playgroundHolds: `lesson:${lesson.id}` });
  loadIntoPlayground(lesson.scenario, lesson.locked);
  hideFaultControls(false);
}

/** Loads the starting scenario with the reference solution applied. */
export function showSolution(): void {
  const lesson = currentLesson();
  if (!lesson) return;
  useLessons.setState({ solutionShown: true, justCompleted: null, playgroundHolds: `lesson:${lesson.id}` });
  loadIntoPlayground(applySettings(lesson.scenario, lesson.solution), lesson.locked);
  hideFaultControls(false);
}

/** Moves between steps; the step after the last text step is the interview card. */
export function goToStep(step: number): void {
  const lesson = currentLesson();
  if (!lesson) return;
  useLessons.setState({ step: Math.max(0, Math.min(lesson.steps.length, step)) });
}

/** Reveals the next hint. */
export function revealHint(): void {
  const lesson = currentLesson();
  if (!lesson) return;
  useLessons.setState((s) => ({ hintsShown: Math.min(lesson.hints.length, s.hintsShown + 1) }));
}

/** Records a completed lesson and saves progress. */
export function completeLesson(id: string): void {
  const s = useLessons.getState();
  const progress = markCompleted(s.progress, id);
  const saved = progress === s.progress || saveProgress(storage(), progress);
  useLessons.setState({
    progress,
    justCompleted: id,
    notice: saved ? s.notice : 'Lesson progress could not be saved in this browser; it will be lost on reload.',
  });
}

/** The lesson after `id` in course order. */
export function nextLessonId(id: string): string | null {
  const i = LESSONS.findIndex((l) => l.id === id);
  return i >= 0 && i + 1 < LESSONS.length ? LESSONS[i + 1].id : null;
}

/** Switches between lessons and challenge mode. */
export function setMode(mode: LessonMode): void {
  useLessons.setState({ mode });
}

/** Hides the progress notice. */
export function dismissNotice(): void {
  useLessons.setState({ notice: null });
}
