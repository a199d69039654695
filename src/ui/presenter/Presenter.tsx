/**
 * Presenter mode's page-level parts: the mode flags on <html> (the stylesheet does the layout),
 * the header toggles, and the blank screen.
 */
import { memo, useEffect } from 'react';
import { togglePresenterPanel, usePresenterKeys } from './presenterKeys';
import { setPresenting, usePresenter } from './presenterStore';

/** Mirrors the mode onto <html data-present> (and the lesson panel onto data-present-panel) and installs the clicker keys. */
export function usePresenterMode(): void {
  const on = usePresenter((p) => p.on);
  const panel = usePresenter((p) => p.panel);
  usePresenterKeys();
  useEffect(() => {
    const root = document.documentElement.dataset;
    if (on) root.present = '';
    else delete root.present;
    if (on && panel) root.presentPanel = '';
    else delete root.presentPanel;
  }, [on, panel]);
}

/** The header's "Lesson" switch, there only while presenting. */
export const PresenterPanelToggle = memo(function PresenterPanelToggle() {
  const on = usePresenter((p) => p.on);
  const panel = usePresenter((p) => p.panel);
  if (!on) return null;
  return (
    <button
      type="button"
      className="btn btn-ghost btn-small present-toggle"
      aria-pressed={panel}
      aria-controls="side-panel"
      title="Show the lesson beside the graph (L)"
      data-testid="present-panel-toggle"
      onClick={togglePresenterPanel}
    >
      Lesson
    </button>
  );
});

/** The header's "Present" switch. */
export const PresentToggle = memo(function PresentToggle() {
  const on = usePresenter((p) => p.on);
  return (
    <button
      type="button"
      className="btn btn-ghost btn-small present-toggle"
      aria-pressed={on}
      title="Presenter mode: large type, a caption for every step, Page Down / Page Up to step, B to blank the screen"
      data-testid="present-toggle"
      onClick={() => setPresenting(!on)}
    >
      {on ? 'Leave presenter mode' : 'Present'}
    </button>
  );
});

/** A black screen while blanked; B (or a click) brings the playground back. */
export const BlankScreen = memo(function BlankScreen() {
  const blank = usePresenter((p) => p.blank);
  if (!blank) return null;
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: B is the keyboard way back (see presenterKeys.ts).
    <div className="blank-screen" data-testid="blank-screen" role="dialog" aria-modal="true" aria-label="Screen blanked: press B to return" onClick={() => usePresenter.setState({ blank: false })}>
      <span className="blank-hint">B to return</span>
    </div>
  );
});
