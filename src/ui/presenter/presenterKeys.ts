/**
 * Clicker keys: presentation remotes send Page Down / Page Up for next / previous and B to
 * blank the screen. Page keys step the run in any mode; B only blanks in presenter mode, and L
 * there shows or hides the lesson beside the graph.
 */
import { useEffect } from 'react';
import { engine } from '../engineController';
import { LESSON_TAB_ID } from '../lessons/playgroundAdapter';
import { useUi } from '../store';
import { usePresenter } from './presenterStore';

/** Steps one scheduled event at a time until the trace shows something (timers can be silent). */
export function stepToNextVisible(maxSteps = 200): void {
  const before = engine.trace.length;
  for (let i = 0; i < maxSteps && !engine.done; i++) {
    engine.stepForward();
    if (engine.trace.length > before) return;
  }
}

/** Shows or hides the lesson beside the graph while presenting; showing it brings the Learn tab forward. */
export function togglePresenterPanel(): void {
  const open = !usePresenter.getState().panel;
  usePresenter.setState({ panel: open });
  if (open) useUi.setState({ sideTab: LESSON_TAB_ID });
}

function typingIn(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  return el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA' || el.isContentEditable;
}

function onKey(e: KeyboardEvent): void {
  if (e.ctrlKey || e.metaKey || e.altKey || typingIn(e.target)) return;
  const { on, blank } = usePresenter.getState();
  if (e.key === 'PageDown' || e.key === 'PageUp') {
    // Inside a scrolling list the page keys keep scrolling it. While presenting, the lesson
    // beside the graph is not such a place: a clicker must step the run whatever was clicked last.
    const scrolling = on ? '[role="listbox"]' : '[role="listbox"], .side-body, .tab-panel';
    if (e.target instanceof HTMLElement && e.target.closest(scrolling)) return;
    e.preventDefault();
    if (blank) return;
    if (e.key === 'PageDown') stepToNextVisible();
    else void engine.stepBack();
    return;
  }
  if ((e.key === 'b' || e.key === 'B') && (on || blank)) {
    e.preventDefault();
    usePresenter.setState({ blank: !blank });
    return;
  }
  if ((e.key === 'l' || e.key === 'L') && on && !blank) {
    e.preventDefault();
    togglePresenterPanel();
  }
}

/** Installs the clicker keys for the component's lifetime. */
export function usePresenterKeys(): void {
  useEffect(() => {
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
