/** The M key: jump to the list of messages in flight (opening the Run tab if needed) to walk them. */
import { useEffect } from 'react';
import { useUi } from '../store';
import { IN_FLIGHT_LIST_ID } from './InFlightList';

function typingIn(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  return el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA' || el.isContentEditable;
}

function focusList(): void {
  const list = document.getElementById(IN_FLIGHT_LIST_ID) ?? document.getElementById('in-flight-title');
  if (!list) return;
  if (list.id === 'in-flight-title') list.setAttribute('tabindex', '-1');
  list.focus();
  list.scrollIntoView({ block: 'nearest' });
}

function onKey(e: KeyboardEvent): void {
  if (e.ctrlKey || e.metaKey || e.altKey || typingIn(e.target) || (e.key !== 'm' && e.key !== 'M')) return;
  e.preventDefault();
  if (useUi.getState().sideTab !== 'run') {
    useUi.setState({ sideTab: 'run' });
    // The Run tab renders on the next frame.
    requestAnimationFrame(focusList);
  } else focusList();
}

/** Installs the M key for the component's lifetime. */
export function useWalkKeys(): void {
  useEffect(() => {
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
