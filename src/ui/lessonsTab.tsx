/**
 * The "Learn" tab, loaded on demand. The lesson player brings every lesson (its text rendered to
 * HTML at build time, see src/lessons/vitePlugin.ts) and the grading code; none of it is needed
 * to draw the playground, so the tab's button is registered at once and the player
 * (`lessons/register`, which then registers the real tab in its place) is imported when the tab
 * is wanted — or at once when the address opens a lesson or a challenge (`?lesson=`, `?challenge=`).
 */
import { lazyPanel } from './lazyPanel';
import { LESSON_TAB_ID } from './lessons/playgroundAdapter';
import { registerSidePanel } from './sidePanels';
import { useUi } from './store';

const panel = lazyPanel(
  () =>
    import('./lessons/register').then(async () => {
      const m = await import('./lessons/LessonPanel');
      return m.LessonPanel;
    }),
  'lessons',
);

let registered = false;

/** Registers the tab (idempotent); opens it and starts loading when the address names a lesson or challenge. */
export function registerLessonsTab(): void {
  if (registered) return;
  registered = true;
  registerSidePanel({ id: LESSON_TAB_ID, title: 'Learn', order: 5, render: panel.render, prefetch: panel.prefetch });
  const q = new URLSearchParams(window.location.search);
  if (q.has('lesson') || q.has('challenge')) {
    useUi.setState({ sideTab: LESSON_TAB_ID });
    panel.prefetch();
  }
}

registerLessonsTab();
