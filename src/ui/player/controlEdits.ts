/**
 * The rules for changing a fault or remedy, as plain data so they can be tested on their own.
 * Where the playhead is decides what a change means: at the start it edits the setup; mid-run
 * it is recorded at the playhead (dropping changes recorded later, which the new setting would
 * contradict); after the end it edits the setup and the run is redone so the outcome updates.
 */
import { withControl } from '../../sim/scenario';
import type { ControlChange, Scenario } from '../../sim/types';

/** The value a control has at a time: the scenario's setting overridden by earlier changes. */
export function controlValueAt(s: Scenario, path: string, t: number): number | boolean | string {
  const [sec, key] = path.split('.');
  let v: number | boolean | string =
    sec === 'faults' ? s.faults[key as keyof Scenario['faults']] : (s.remedies[key as keyof Scenario['remedies']] as boolean | string);
  for (const c of s.changes) {
    if (c.atMs > t) break;
    if (c.path === path) v = c.value;
  }
  return v;
}

/** What to do with one control change. */
export type EditPlan =
  /** Replace the setup and restart from 0 (then, if `rerun`, run to the end again). */
  | { kind: 'newSetup'; scenario: Scenario; rerun: boolean; notice: string | null }
  /** Record the change at the playhead; first rewind to it on `scenario` if later changes were dropped. */
  | { kind: 'record'; dropped: Scenario | null; notice: string | null };

/** Decides what changing `path` to `value` at time `t` does (see the module comment). */
export function planEdit(s: Scenario, t: number, done: boolean, path: string, value: number | boolean | string): EditPlan {
  if (done && t > 0) {
    const base = withControl(s, path, value);
    base.changes = s.changes.filter((c) => c.path !== path);
    return { kind: 'newSetup', scenario: base, rerun: true, notice: 'The run had finished, so it was re-run from the start with the new setting.' };
  }
  const kept: ControlChange[] = s.changes.filter((c) => c.atMs <= t);
  if (t === 0) {
    return { kind: 'newSetup', scenario: withControl({ ...s, changes: kept.filter((c) => c.path !== path) }, path, value), rerun: false, notice: null };
  }
  if (kept.length !== s.changes.length) {
    return { kind: 'record', dropped: { ...s, changes: kept }, notice: 'Later control changes were dropped: the run continues from here with the new setting.' };
  }
  return { kind: 'record', dropped: null, notice: null };
}
