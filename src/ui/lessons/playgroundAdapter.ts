/**
 * The lesson player's only doorway into the playground. It uses the public
 * `PlaygroundHandle`, the UI store's `sideTab` (to bring our tab forward when a link opens a
 * lesson) and, read-only, the engine controller's `done` flag, which the handle does not
 * expose: a run that hits its time limit is finished without being quiescent.
 */
import type { Report, Scenario } from '../../sim/types';
import { engine } from '../engineController';
import { playground } from '../playgroundApi';
import { useUi } from '../store';

/** The side panel tab id the lesson player registers under. */
export const LESSON_TAB_ID = 'lessons';

/** True when the playground's run has ended (settled, or stopped at its time limit). */
export function runFinished(report: Report | null): boolean {
  if (!report || report.endTimeMs <= 0) return false;
  return report.quiescent || engine.done;
}

/** Loads a scenario into the playground with the given controls locked. */
export function loadIntoPlayground(s: Scenario, locked: readonly string[]): void {
  playground.loadScenario(s, { locked: [...locked] });
}

/** Runs the playground to the end. */
export function runPlaygroundToEnd(): Promise<void> {
  return playground.runToEnd();
}

/** Shows the lesson tab in the side panel. */
export function focusLessonTab(): void {
  useUi.setState({ sideTab: LESSON_TAB_ID });
}

/**
 * Hides the playground's fault sliders while a challenge is unsolved (lessons.css keys on this
 * attribute), so the diagnosis comes from symptoms, not from reading the settings.
 */
export function hideFaultControls(hidden: boolean): void {
  if (typeof document === 'undefined') return;
  if (hidden) document.documentElement.dataset.challengeHidden = 'true';
  else delete document.documentElement.dataset.challengeHidden;
}

export { playground };
