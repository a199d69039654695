/**
 * The shapes of lessons and challenges once their files have been read and checked.
 * Everything is plain data, so the player, the tests and the grader share one model.
 *
 * The fields written in Markdown are typed `Text`: Markdown source (`string`) where the files
 * are parsed (the tests, the build), and `Html` in the catalog the browser gets, which the build
 * has already rendered (see src/lessons/compile.ts and src/lessons/vitePlugin.ts).
 */
import type { Faults, Remedies, Scenario } from '../sim/types';
import type { Question } from './question';

/**
 * Lesson Markdown rendered to HTML by markdown-it with raw HTML off and script links refused
 * (src/lessons/markdown.ts), so it is safe to insert. Only the build makes these.
 */
export type Html = string & { readonly __renderedMarkdown: true };

/** A control value a lesson may set: a fault level, a remedy switch or the ordering choice. */
export type ControlValue = number | boolean | string;

/** One control change of a reference solution, e.g. `{ path: 'remedies.outbox', value: true }`. */
export interface ControlSetting {
  path: string;
  value: ControlValue;
}

/** One comparison against a fact of the report, e.g. "anomalies.total at most 0". */
export interface Condition {
  fact: string;
  min?: number;
  max?: number;
  equals?: ControlValue;
  /** Learner-facing wording; generated from the fact when absent. */
  label?: string;
}

/** A goal tree: every child must hold (`all`), one child must hold (`any`), or a single condition. */
export type GoalNode = { all: GoalNode[] } | { any: GoalNode[] } | Condition;

/** A lesson's goal: a sentence for the learner plus the predicate that decides it. */
export interface Goal {
  text: string;
  check: GoalNode;
}

/** One short step of lesson text, shown one at a time. */
export interface LessonStep<Text extends string = string> {
  title: string;
  /** The step's text (Markdown; rendered to HTML in the browser's catalog). */
  markdown: Text;
}

/** The "explain it in an interview" card that closes every lesson. */
export interface InterviewCard<Text extends string = string> {
  question: string;
  /** A short spoken answer, in Markdown. */
  answer: Text;
  /** Key points, each one line of Markdown (rendered inline). */
  points: Text[];
}

/** A checked, ready-to-play lesson (`Text`: see the top of this file). */
export interface Lesson<Text extends string = string> {
  id: string;
  title: string;
  summary: string;
  /** Where the lesson came from, for error messages. */
  file: string;
  scenario: Scenario;
  goal: Goal;
  /** Control paths the learner may not change, e.g. `faults.duplicate`. */
  locked: string[];
  /** Each one line of Markdown (rendered inline). */
  hints: Text[];
  solution: ControlSetting[];
  steps: LessonStep<Text>[];
  interview: InterviewCard<Text>;
  /**
   * Signals-only: the playground hides its ground truth (outcome counts, anomalies, verdicts,
   * order traces, money and stock) and the fault sliders while the lesson is open and unfinished,
   * so the learner works from alerts, metrics and logs alone.
   */
  signalsOnly: boolean;
  /** Something to work out and answer, graded against the engine (`answer.correct` in the goal). */
  question: Question<Text> | null;
}

/** A mystery system for challenge mode: hidden faults, a story, and the reasoning behind it. */
export interface Challenge<Text extends string = string> {
  id: string;
  title: string;
  /** What the learner is told before running the system (Markdown). */
  story: Text;
  file: string;
  scenario: Scenario;
  /** Fault keys switched on in the scenario (derived, never written by hand). */
  faults: (keyof Faults)[];
  /** Remedies known to bring this system to zero anomalies. */
  remedies: Remedies;
  /** Why the symptoms point at these faults and how the remedies help (Markdown). */
  explanation: Text;
  /** Signals-only: the ground-truth panels stay hidden until the answer is checked. */
  signalsOnly: boolean;
}

/** A lesson as the browser gets it: checked, with its Markdown already rendered at build time. */
export type RenderedLesson = Lesson<Html>;

/** A challenge as the browser gets it. */
export type RenderedChallenge = Challenge<Html>;

/**
 * A "break this design" interview challenge: a system whose remedies (the design) are fixed, and
 * the learner must find a run that breaks a business rule anyway — by switching faults on, by
 * hand-made what-ifs, or with the search. The independent checker grades it.
 */
export interface DesignChallenge<Text extends string = string> {
  id: string;
  title: string;
  /** What the design's authors claim, and what to try (Markdown). */
  story: Text;
  file: string;
  /** The system, its remedies being the design under test (locked in the playground). */
  scenario: Scenario;
  /** A run known to break the design: faults (and a seed) applied to the scenario. Replayed by the tests. */
  solution: { seed: number; faults: Partial<Faults>; breaks: string };
  /** Remedies that would have stopped the solution's break (the tests check they do). */
  fix: Partial<Remedies>;
  /** Why the design fails, shown once the learner has broken it or asked (Markdown). */
  explanation: Text;
}

/** A design challenge as the browser gets it. */
export type RenderedDesignChallenge = DesignChallenge<Html>;
