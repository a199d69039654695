/** Keyboard shortcuts of the playground, listed once so the help overlay and the handler agree. */
import { useEffect } from 'react';
import { engine } from './engineController';
import { nudgeSpeed, setTheme, useUi } from './store';

/** One shortcut, as shown in the help overlay. */
export interface Shortcut {
  keys: string;
  what: string;
}

/** Every shortcut. */
export const SHORTCUTS: Shortcut[] = [
  { keys: 'Space', what: 'Play / pause' },
  { keys: '→', what: 'Step to the next event' },
  { keys: '←', what: 'Step back to the previous event' },
  { keys: 'Shift + →', what: 'Run to the end' },
  { keys: 'Shift + ← or Home', what: 'Back to the start' },
  { keys: ', and .', what: 'Scrub back / forward by 2% of the run' },
  { keys: '[ and ]', what: 'Slower / faster' },
  { keys: 'Page Down / Page Up', what: 'Step to the next thing that happens / step back (presentation clickers send these)' },
  { keys: 'B', what: 'Presenter mode: blank the screen; B again brings it back' },
  { keys: 'L', what: 'Presenter mode: show / hide the lesson beside the graph' },
  { keys: 'M, then ↑ and ↓', what: 'Walk the messages in flight: each one is selected, ringed and its route lit' },
  { keys: 'D', what: 'Switch light / dark theme' },
  { keys: 'Esc', what: 'Close overlays, clear the selection' },
  { keys: '?', what: 'Show this help' },
];

function typingIn(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || el.isContentEditable;
}

function onKey(e: KeyboardEvent): void {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const ui = useUi.getState();
  if (e.key === 'Escape') {
    if (ui.helpOpen || ui.aboutOpen) useUi.setState({ helpOpen: false, aboutOpen: false });
    else useUi.setState({ selectedOrder: null, selectedMessage: null, inspect: null });
    return;
  }
  // Form fields keep their own keys (arrows move sliders, Space toggles checkboxes).
  if (typingIn(e.target)) return;
  const isButton = e.target instanceof HTMLElement && (e.target.tagName === 'BUTTON' || e.target.tagName === 'SUMMARY' || e.target.tagName === 'A');
  switch (e.key) {
    case ' ':
      if (isButton) return;
      e.preventDefault();
      engine.togglePlay();
      return;
    case 'ArrowRight':
      e.preventDefault();
      if (e.shiftKey) {
        useUi.setState({ playing: false });
        void engine.runToEnd();
      } else engine.stepForward();
      return;
    case 'ArrowLeft':
      e.preventDefault();
      if (e.shiftKey) void engine.seek(0);
      else void engine.stepBack();
      return;
    case 'Home':
      e.preventDefault();
      void engine.seek(0);
      return;
    case 'End':
      e.preventDefault();
      void engine.runToEnd();
      return;
    case ',':
    case '.': {
      const d = (ui.horizon / 50) * (e.key === ',' ? -1 : 1);
      void engine.seek(Math.max(0, Math.min(ui.horizon, engine.now + d)));
      return;
    }
    case '[':
      nudgeSpeed(-1);
      return;
    case ']':
      nudgeSpeed(1);
      return;
    case 'd':
    case 'D':
      setTheme(document.documentElement.dataset.resolvedTheme === 'dark' ? 'light' : 'dark');
      return;
    case '?':
      useUi.setState({ helpOpen: !ui.helpOpen });
      return;
  }
}

/** Installs the global shortcut handler for the component's lifetime. */
export function useShortcuts(): void {
  useEffect(() => {
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
