/**
 * The playground's integration surface for lessons, challenges and future panels: load a
 * scenario (optionally locking controls), change controls, run, and read the report.
 */
import type { Report, Scenario } from '../sim/types';
import { engine } from './engineController';
import { useUi } from './store';

/** What other parts of the product may do with the playground. */
export interface PlaygroundHandle {
  /** Replaces the scenario and rewinds. `locked` control paths (e.g. 'faults.duplicate') are shown disabled. */
  loadScenario(s: Scenario, opts?: { locked?: string[] }): void;
  /** Changes a control ('faults.*' or 'remedies.*') the same way the learner would. */
  setControl(path: string, value: number | boolean | string): void;
  /** Runs to the end in slices; resolves when the run is done. */
  runToEnd(): Promise<void>;
  /** The scenario including the control changes recorded so far. */
  getScenario(): Scenario;
  /** The report at the current playhead. */
  getReport(): Report | null;
  /** Fires when the scenario, the playhead or the report changes. Returns an unsubscribe function. */
  subscribe(fn: () => void): () => void;
}

/** The module singleton. */
export const playground: PlaygroundHandle = {
  loadScenario(s, opts) {
    engine.load(s, opts);
  },
  setControl(path, value) {
    void engine.setControl(path, value);
  },
  runToEnd() {
    useUi.setState({ playing: false });
    return engine.runToEnd();
  },
  getScenario() {
    return engine.scenario;
  },
  getReport() {
    try {
      return engine.report();
    } catch {
      return null;
    }
  },
  subscribe(fn) {
    return engine.subscribeTick(fn);
  },
};

/** Hook form of `playground`, for components. */
export function usePlayground(): PlaygroundHandle {
  return playground;
}
