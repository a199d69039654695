/**
 * The playground's current report, re-read whenever the playground ticks. Reports are
 * cached by the playground per playhead position, so re-reading is cheap.
 */
import { useSyncExternalStore } from 'react';
import type { Report } from '../../sim/types';
import { playground } from './playgroundAdapter';

/** The report at the playground's playhead (null before anything ran). */
export function useLiveReport(): Report | null {
  return useSyncExternalStore(playground.subscribe, () => playground.getReport());
}
