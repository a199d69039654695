/**
 * Clicker keys: presentation remotes send Page Down / Page Up for next / previous and B to
 * blank the screen. Page keys step the run in any mode; B only blanks in presenter mode.
 */
import { useEffect } from 'react';
import { engine } from '../engineController';
import { usePresenter } from './presenterStore';

/** Steps one scheduled event at a time until the trace shows something (timers can be silent). */
export function stepToNextVisible(maxSteps = 200): void {
  const before = engine.trace.length;
  for (let i = 0; i < maxSteps && !engine.done; i++) {
    engine.stepForward();
    if (engine.trace.length > before) return;
  }
}

function typingIn(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  return el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA' || el.isContentEditable;
}

function onKey(e: KeyboardEvent): void {
  if (e.ctrlKey || e.metaKey || e.altKey || typingIn(e.target)) return;
  const { on, blank } = usePresenter.getState();
  if (e.key === 'PageDown' || e.key === 'PageUp') {
    // Inside a scrolling list the page keys keep scrolling it.
    if (e.target instanceof HTMLElement && e.target.closest('[role="listbox"], .side-body, .tab-panel')) return;
    e.preventDefault();
    if (blank) return;
    if (e.key === 'PageDown') stepToNextVisible();
    else void engine.stepBack();
    return;
  }
  if ((e.key === 'b' || e.key === 'B') && (on || blank)) {
    e.preventDefault();
    usePresenter.setState({ blank: !blank });
  }
}

/** Installs the clicker keys for the component's lifetime. */
export function usePresenterKeys(): void {
  useEffect(() => {
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
