/** Which arrangement of the topology the window calls for, as a React hook that follows resizes. */
import { useSyncExternalStore } from 'react';
import { type Layout, layoutFor, NARROW_QUERY } from './layout';

function subscribe(onChange: () => void): () => void {
  const mq = window.matchMedia(NARROW_QUERY);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}

/** True at phone widths, where the topology is drawn in columns. */
export function isNarrow(): boolean {
  return typeof window !== 'undefined' && window.matchMedia(NARROW_QUERY).matches;
}

/** The layout for the current window; re-renders when the window crosses the phone breakpoint. */
export function useTopologyLayout(): Layout {
  return layoutFor(useSyncExternalStore(subscribe, isNarrow, () => false));
}
