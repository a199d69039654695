/**
 * What the lesson player keeps from the learner right now. While a challenge's faults (or a
 * signals-only lesson's setup) are hidden, everything that would carry the scenario out of the
 * page — the address, "Copy link", the Share tab's link, embed and files — must not, or the
 * answer is one click away. Set by src/ui/lessons/hiding.ts; read by src/ui/share/.
 */
import { create } from 'zustand';

/** The store's shape. */
export interface SecretsState {
  /** The query that opens the same challenge or lesson from scratch (e.g. "challenge=97560"), shared instead of the scenario; null when nothing is secret. */
  shareQuery: string | null;
}

/** The one store. */
export const useSecrets = create<SecretsState>(() => ({ shareQuery: null }));
