/**
 * Whether a comparison is open, side B's faults and remedies, the message selected on side B,
 * and the difference the learner last followed to where the runs part. UI state only: both
 * runs are rebuilt from the scenario and these controls.
 */
import { create } from 'zustand';
import { validateChange } from '../../sim/scenario';
import type { Scenario } from '../../sim/types';
import type { Divergence } from './diff';
import { controlsOf, type SideControls } from './sideB';

/** The comparison store's shape. */
export interface CompareState {
  open: boolean;
  /** Side B's faults and remedies (null until a comparison is first opened). */
  b: SideControls | null;
  /** The message selected on side B. */
  selectedB: string | null;
  /** The difference whose parting point is shown, by its key, and where the runs part for it. */
  followed: string | null;
  parting: Divergence | null;
}

/** The one comparison store. */
export const useCompare = create<CompareState>(() => ({ open: false, b: null, selectedB: null, followed: null, parting: null }));

/** Opens the comparison; B starts as a copy of A's setup unless it already has its own settings. */
export function openCompare(a: Scenario): void {
  const { b } = useCompare.getState();
  useCompare.setState({ open: true, b: b ?? controlsOf(a) });
}

/** Closes the comparison (B's settings are kept for the next time). */
export function closeCompare(): void {
  useCompare.setState({ open: false, selectedB: null, followed: null, parting: null });
}

/** Sets one of B's faults or remedies. Throws `ScenarioError` (naming the field) for a bad value. */
export function setSideB(path: string, value: number | boolean | string): void {
  const v = validateChange(path, value);
  const b = useCompare.getState().b;
  if (!b) return;
  const [sec, key] = path.split('.') as ['faults' | 'remedies', string];
  const next: SideControls = { faults: { ...b.faults }, remedies: { ...b.remedies } };
  (next[sec] as unknown as Record<string, unknown>)[key] = v;
  useCompare.setState({ b: next, selectedB: null, followed: null, parting: null });
}
