/**
 * What the playground hides while a lesson or challenge holds it, derived in one place from the
 * lesson and challenge stores:
 *
 * - the fault sliders, while a challenge is unsolved (its faults are the mystery) or a
 *   signals-only lesson is unfinished;
 * - the ground truth (outcome counts, anomalies, verdicts, order trace, money and stock), while a
 *   signals-only lesson is unfinished and its learner has not asked to see it, or a signals-only
 *   challenge has not had an answer checked yet.
 *
 * The playground itself is not changed: playgroundAdapter sets two attributes on <html> and
 * lessons.css does the hiding.
 */
import { lessonById } from '../../lessons/catalog';
import { challengeFor, useChallenge } from './challengeStore';
import { useLessons } from './lessonStore';
import { useSecrets } from '../secrets';
import { hideFaultControls, hideGroundTruth } from './playgroundAdapter';

/** What should be hidden right now. */
export function hidingWanted(): { faults: false | 'challenge' | 'lesson'; truth: boolean } {
  const ls = useLessons.getState();
  const holds = ls.playgroundHolds ?? '';
  if (holds.startsWith('lesson:')) {
    const id = holds.slice(7);
    // Only while that lesson is the one open in the panel, where its note explains what is hidden.
    const hidden = ls.lessonId === id && (lessonById(id)?.signalsOnly ?? false) && !ls.truthShown[id];
    return { faults: hidden ? 'lesson' : false, truth: hidden };
  }
  if (holds.startsWith('challenge:')) {
    const c = useChallenge.getState();
    if (c.seed === null) return { faults: false, truth: false };
    return { faults: c.answerShown ? false : 'challenge', truth: challengeFor(c.seed).signalsOnly && !c.submitted };
  }
  return { faults: false, truth: false };
}

/** What to share instead of the scenario while its faults are hidden: the lesson or challenge itself. */
function shareQuery(hidden: false | 'challenge' | 'lesson'): string | null {
  if (hidden === 'challenge') return `challenge=${useChallenge.getState().seed}`;
  if (hidden === 'lesson') return `lesson=${encodeURIComponent(useLessons.getState().lessonId ?? '')}`;
  return null;
}

function apply(): void {
  const w = hidingWanted();
  hideFaultControls(w.faults);
  hideGroundTruth(w.truth);
  const query = shareQuery(w.faults);
  if (useSecrets.getState().shareQuery !== query) useSecrets.setState({ shareQuery: query });
}

let installed = false;

/** Keeps the playground's hiding in step with the stores (idempotent). */
export function installHiding(): void {
  if (installed) return;
  installed = true;
  useLessons.subscribe(apply);
  useChallenge.subscribe(apply);
  apply();
}
