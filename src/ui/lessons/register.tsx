/**
 * Registers the lesson tab in the playground's side panel and honours `?lesson=<id>` and
 * `?challenge=<seed>` links. Importing this module does it (once), so the app entry needs a
 * single `import './ui/lessons/register'` after the playground modules.
 */
import { registerSidePanel } from '../sidePanels';
import { startChallenge } from './challengeStore';
import { installHiding } from './hiding';
import { LessonPanel } from './LessonPanel';
import { openLesson, setMode } from './lessonStore';
import { focusLessonTab, LESSON_TAB_ID } from './playgroundAdapter';
import { readParam } from './urlParams';

let registered = false;

/** Adds the "Lessons" tab and opens the lesson or challenge named in the address, if any. */
export function registerLessonPanel(): void {
  if (registered) return;
  registered = true;
  installHiding();
  registerSidePanel({ id: LESSON_TAB_ID, title: 'Learn', order: 5, render: () => <LessonPanel /> });
  const lesson = readParam('lesson');
  const challenge = readParam('challenge');
  if (lesson) {
    openLesson(lesson);
    focusLessonTab();
  } else if (challenge && /^\d{1,9}$/.test(challenge)) {
    setMode('challenge');
    startChallenge(Number(challenge));
    focusLessonTab();
  }
}

registerLessonPanel();
