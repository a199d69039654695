/**
 * Challenge mode's state: the seed that picked the challenge, the learner's diagnosis and
 * remedy choices, and the graded answer. Kept outside React so a tab switch loses nothing.
 */
import { create } from 'zustand';
import { CHALLENGES } from '../../lessons/catalog';
import { type ChallengeGrade, DIAGNOSABLE_FAULTS, gradeChallenge, pickChallenge } from '../../lessons/challengeGrade';
import type { RenderedChallenge } from '../../lessons/types';
import { runScenario } from '../../sim/engine';
import type { Faults, Remedies } from '../../sim/types';
import { useLessons } from './lessonStore';
import { freePlayground, loadIntoPlayground } from './playgroundAdapter';
import { writeParams } from './urlParams';

/** The store's shape. */
export interface ChallengeState {
  seed: number | null;
  named: (keyof Faults)[];
  remedies: Remedies;
  grading: boolean;
  grade: ChallengeGrade | null;
  /** The learner asked to see the hidden faults and the explanation (or solved it). */
  answerShown: boolean;
  /** An answer has been checked at least once: a signals-only challenge shows its ground truth from then on. */
  submitted: boolean;
}

/** Every fault control path: all locked in challenge mode, so the learner treats rather than removes. */
const FAULT_PATHS = Object.keys(CHALLENGES[0]?.scenario.faults ?? {}).map((k) => `faults.${k}`);

/** The one challenge store. */
export const useChallenge = create<ChallengeState>(() => ({
  seed: null,
  named: [],
  remedies: CHALLENGES[0]?.scenario.remedies ?? ({} as Remedies),
  grading: false,
  grade: null,
  answerShown: false,
  submitted: false,
}));

/** The challenge a seed picks. */
export function challengeFor(seed: number): RenderedChallenge {
  return pickChallenge(CHALLENGES, seed);
}

/** Loads the current challenge's system again (after a lesson replaced it in the playground). */
export function reloadChallenge(): void {
  const { seed } = useChallenge.getState();
  if (seed === null) return;
  // What the playground hides (fault sliders, ground truth) follows `playgroundHolds`; see hiding.ts.
  loadIntoPlayground(challengeFor(seed).scenario, FAULT_PATHS);
  useLessons.setState({ playgroundHolds: `challenge:${seed}` });
}

/** Starts the challenge picked by `seed` and loads its system into the playground. */
export function startChallenge(seed: number): void {
  const c = challengeFor(seed);
  useChallenge.setState({ seed, named: [], remedies: { ...c.scenario.remedies }, grading: false, grade: null, answerShown: false, submitted: false });
  loadIntoPlayground(c.scenario, FAULT_PATHS);
  useLessons.setState({ playgroundHolds: `challenge:${seed}` });
  writeParams({ challenge: String(seed), lesson: null });
}

/** Ends the challenge and gives the playground back: fault sliders shown and unlocked, no ?challenge= in the address. */
export function leaveChallenge(): void {
  const holds = useLessons.getState().playgroundHolds;
  useChallenge.setState({ seed: null, named: [], grading: false, grade: null, answerShown: false, submitted: false });
  if (holds?.startsWith('challenge:')) {
    useLessons.setState({ playgroundHolds: null });
    freePlayground();
  }
  writeParams({ challenge: null });
}

/** A fresh seed that picks a different challenge from the current one (when there is more than one). */
export function nextSeed(current: number | null): number {
  const base = current ?? Math.floor(Math.random() * 100_000);
  const currentId = current === null ? null : challengeFor(current).id;
  for (let s = base + 1; s < base + 1000; s++) if (challengeFor(s).id !== currentId) return s;
  return base + 1;
}

/** Ticks or unticks a fault in the diagnosis. */
export function toggleFault(f: keyof Faults): void {
  useChallenge.setState((s) => ({ named: s.named.includes(f) ? s.named.filter((x) => x !== f) : [...s.named, f], grade: null }));
}

/** Sets one remedy in the learner's treatment. */
export function setRemedy<K extends keyof Remedies>(k: K, v: Remedies[K]): void {
  useChallenge.setState((s) => ({ remedies: { ...s.remedies, [k]: v }, grade: null }));
}

/** Grades the answer; the remedy check runs the system headless, after the "Checking" state paints. */
export function submitAnswer(): void {
  const { seed, named, remedies } = useChallenge.getState();
  if (seed === null) return;
  useChallenge.setState({ grading: true, grade: null });
  setTimeout(() => {
    const grade = gradeChallenge(challengeFor(seed), named, remedies, DIAGNOSABLE_FAULTS, runScenario);
    const solved = grade.faultsCorrect && grade.remediesWork;
    // Once solved, the settings are no longer a secret: let the learner compare.
    useChallenge.setState((s) => ({ grading: false, grade, answerShown: s.answerShown || solved, submitted: true }));
  }, 30);
}

/** Gives up on finding it alone: names every hidden fault, shows the explanation and the sliders. */
export function showAnswer(): void {
  useChallenge.setState({ answerShown: true });
}

/** Loads the system with the learner's remedies, to watch them work (or not) in the playground. */
export function tryRemediesInPlayground(): void {
  const { seed, remedies } = useChallenge.getState();
  if (seed === null) return;
  const c = challengeFor(seed);
  loadIntoPlayground({ ...c.scenario, remedies: { ...remedies }, changes: [] }, FAULT_PATHS);
  useLessons.setState({ playgroundHolds: `challenge:${seed}` });
}
