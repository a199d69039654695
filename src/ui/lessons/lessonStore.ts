/**
 * The lesson player's state: which lesson and step is open, which hints are showing, and the
 * learner's saved progress. It lives outside React so switching side tabs keeps your place.
 */
import { create } from 'zustand';
import { applySettings } from '../../lessons/applySettings';
import { LESSONS, lessonById } from '../../lessons/catalog';
import { type KeyValueStore, loadProgress, markCompleted, type Progress, saveProgress } from '../../lessons/progress';
import { gradeQuestion, type QuestionRuns, type QuestionVerdict } from '../../lessons/question';
import { runWithSignals } from '../../lessons/runSignals';
import type { RenderedLesson } from '../../lessons/types';
import { freePlayground, loadIntoPlayground } from './playgroundAdapter';
import { writeParams } from './urlParams';

/** Which part of the panel is showing: lessons, diagnosis challenges, or "break this design". */
export type LessonMode = 'lessons' | 'challenge' | 'design';

/** The learner's answer to a lesson's question. */
export interface AnswerState {
  /** What they typed or picked (an order id, or a waiting time in ms as text). */
  input: string;
  checking: boolean;
  /** The graded answer; null until checked, and again after the input changes. */
  verdict: QuestionVerdict | null;
}

const NO_ANSWER: AnswerState = { input: '', checking: false, verdict: null };

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
  /** What the lesson panel last loaded into the playground: `lesson:<id>`, `challenge:<seed>` or `design:<id>`. */
  playgroundHolds: string | null;
  /** Answers to lesson questions, by lesson id. They survive a reset: they are about the starting system. */
  answers: Record<string, AnswerState>;
  /** Signals-only lessons whose ground truth the learner has seen (by finishing, or by asking). */
  truthShown: Record<string, boolean>;
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
  answers: {},
  truthShown: {},
}));

/** The open lesson, if any. */
export function currentLesson(): RenderedLesson | undefined {
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
  // What the playground hides (fault sliders, ground truth) follows `playgroundHolds`; see hiding.ts.
  loadIntoPlayground(lesson.scenario, lesson.locked);
  writeParams({ lesson: id, challenge: null });
  return true;
}

/**
 * Closes the open lesson and, if it holds the playground, gives it back: no locks, nothing hidden
 * (hiding.ts follows `playgroundHolds`), no ?lesson= in the address.
 */
export function leaveLesson(): void {
  const holds = useLessons.getState().playgroundHolds;
  const ours = holds?.startsWith('lesson:') ?? false;
  useLessons.setState({ lessonId: null, step: 0, hintsShown: 0, solutionShown: false, justCompleted: null, playgroundHolds: ours ? null : holds });
  if (ours) freePlayground();
  writeParams({ lesson: null });
}

/** Reloads the open lesson's starting scenario; keeps the step, hides hints and solution. */
export function resetLesson(): void {
  const lesson = currentLesson();
  if (!lesson) return;
  useLessons.setState({ hintsShown: 0, solutionShown: false, justCompleted: null, playgroundHolds: `lesson:${lesson.id}` });
  loadIntoPlayground(lesson.scenario, lesson.locked);
}

/** Loads the starting scenario with the reference solution applied. */
export function showSolution(): void {
  const lesson = currentLesson();
  if (!lesson) return;
  useLessons.setState({ solutionShown: true, justCompleted: null, playgroundHolds: `lesson:${lesson.id}` });
  loadIntoPlayground(applySettings(lesson.scenario, lesson.solution), lesson.locked);
  // The reference answer is part of the solution.
  if (lesson.question) {
    setAnswerInput(lesson.id, String(lesson.question.answer));
    checkAnswer(lesson);
  }
}

/** The learner's answer to a lesson's question. */
export function answerOf(s: LessonState, id: string): AnswerState {
  return s.answers[id] ?? NO_ANSWER;
}

/** Records what the learner typed or picked; a new answer needs checking again. */
export function setAnswerInput(id: string, input: string): void {
  useLessons.setState((s) => ({ answers: { ...s.answers, [id]: { input, checking: false, verdict: null } } }));
}

/** Runs the lesson's systems a grader needs, once per lesson (they are deterministic). */
const runCache = new Map<string, QuestionRuns>();
function questionRuns(lesson: RenderedLesson): QuestionRuns {
  let r = runCache.get(lesson.id);
  if (!r) {
    const needsSolved = lesson.question?.kind === 'threshold';
    r = { start: runWithSignals(lesson.scenario), solved: needsSolved ? runWithSignals(applySettings(lesson.scenario, lesson.solution)) : undefined };
    runCache.set(lesson.id, r);
  }
  return r;
}

/** Grades the answer against the engine; the runs happen after the "Checking" state paints. */
export function checkAnswer(lesson: RenderedLesson): void {
  const q = lesson.question;
  if (!q) return;
  const input = answerOf(useLessons.getState(), lesson.id).input;
  const set = (a: AnswerState) => useLessons.setState((s) => ({ answers: { ...s.answers, [lesson.id]: a } }));
  set({ input, checking: true, verdict: null });
  setTimeout(() => {
    const verdict = gradeQuestion(q, input, questionRuns(lesson));
    // Only keep the verdict if the learner has not changed the answer meanwhile.
    if (answerOf(useLessons.getState(), lesson.id).input === input) set({ input, checking: false, verdict });
  }, 30);
}

/** Shows a signals-only lesson's ground truth again (the learner asked, or finished). */
export function revealTruth(id: string): void {
  useLessons.setState((s) => ({ truthShown: { ...s.truthShown, [id]: true } }));
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
    // A finished signals-only lesson shows its ground truth, so the learner can check their work.
    truthShown: { ...s.truthShown, [id]: true },
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
