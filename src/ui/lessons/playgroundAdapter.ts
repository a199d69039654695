/**
 * The lesson player's only doorway into the playground. It uses the public
 * `PlaygroundHandle`, the UI store's `sideTab` (to bring our tab forward when a link opens a
 * lesson), the Signals tab's `focusSignalsTab`, and, read-only, two things of the engine
 * controller the handle does not expose: the `done` flag (a run that hits its time limit is
 * finished without being quiescent) and the metrics recorder (for goals on signals).
 */
import type { SignalSnapshot } from '../../lessons/facts';
import type { Report, Scenario } from '../../sim/types';
import { engine } from '../engineController';
import { focusSignalsTab } from '../observability/register';
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

/** Gives the playground back to free play: no control stays locked. The scenario stays, to explore on. */
export function freePlayground(): void {
  useUi.setState({ locked: [] });
}

/** Runs the playground to the end. */
export function runPlaygroundToEnd(): Promise<void> {
  return playground.runToEnd();
}

/** Shows the lesson tab in the side panel. */
export function focusLessonTab(): void {
  useUi.setState({ sideTab: LESSON_TAB_ID });
}

/** Shows the Signals tab (alerts, metrics, event log), optionally on one of its views. */
export function focusSignals(view?: 'metrics' | 'log'): void {
  focusSignalsTab(view);
}

/**
 * The metrics and alerts the playground's current run has recorded up to the playhead, in the
 * shape goal facts read (null when the run records none).
 */
export function liveSignals(): SignalSnapshot | null {
  const rec = engine.recorder;
  if (!rec) return null;
  return { series: rec.series, now: rec.currentRow(engine.now), alerts: rec.alerts, rules: rec.rules };
}

function flag(name: 'challengeHidden' | 'groundTruth', value: string | null): void {
  if (typeof document === 'undefined') return;
  const ds = document.documentElement.dataset;
  if (value === null) delete ds[name];
  else if (ds[name] !== value) ds[name] = value;
}

/**
 * Hides the playground's fault sliders while a challenge is unsolved or a signals-only lesson is
 * open (lessons.css keys on this attribute; its value picks the note shown instead), so the
 * diagnosis comes from symptoms, not from reading the settings.
 */
export function hideFaultControls(hidden: false | 'challenge' | 'lesson'): void {
  flag('challengeHidden', hidden === false ? null : hidden);
}

/**
 * Hides the playground's ground truth: the outcome headline, the anomaly list, order verdicts,
 * the order trace, money and stock (lessons.css keys on `html[data-ground-truth="hidden"]` and
 * the playground's data-testids), leaving what a real team has: alerts, metrics and logs.
 */
export function hideGroundTruth(hidden: boolean): void {
  flag('groundTruth', hidden ? 'hidden' : null);
}

export { playground };
