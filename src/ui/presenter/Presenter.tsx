/**
 * Presenter mode's page-level parts: the mode flag on <html> (the stylesheet does the layout),
 * the header toggle, and the blank screen.
 */
import { memo, useEffect } from 'react';
import { usePresenterKeys } from './presenterKeys';
import { setPresenting, usePresenter } from './presenterStore';

/** Mirrors the mode onto <html data-present> and installs the clicker keys. */
export function usePresenterMode(): void {
  const on = usePresenter((p) => p.on);
  usePresenterKeys();
  useEffect(() => {
    if (on) document.documentElement.dataset.present = '';
    else delete document.documentElement.dataset.present;
  }, [on]);
}

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
