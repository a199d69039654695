/**
 * UI state of the observability panel, and the alerts known for the current scenario. Kept out
 * of the playground's store: nothing outside this panel needs it.
 */
import { create } from 'zustand';
import type { Alert } from '../../sim/alerts';
import { engine } from '../engineController';
import { NO_FILTER, type LogFilter } from './logModel';

/** The panel's state. */
export interface ObsState {
  view: 'metrics' | 'log';
  filter: LogFilter;
  /** Keep the log scrolled to the newest line as the playhead moves. */
  follow: boolean;
  /** Trace index of the log row last clicked. */
  selectedRow: number | null;
  selectedAlert: string | null;
}

/** The panel's store. */
export const useObs = create<ObsState>(() => ({
  view: 'metrics',
  filter: NO_FILTER,
  follow: true,
  selectedRow: null,
  selectedAlert: null,
}));

/** Changes some log filters (and stops following, so the view doesn't jump away). */
export function setFilter(patch: Partial<LogFilter>): void {
  useObs.setState((s) => ({ filter: { ...s.filter, ...patch } }));
}

interface Known {
  scenario: unknown;
  /** Furthest playhead seen for this scenario. */
  reached: number;
  alerts: Alert[];
  rec: unknown;
  version: number;
}

let known: Known = { scenario: null, reached: -1, alerts: [], rec: null, version: -1 };

/**
 * Alerts up to the furthest point reached in this scenario. Rewinding replays the same run, so
 * alerts seen further on stay listed (shown as "later") instead of vanishing on every seek.
 */
export function knownAlerts(): readonly Alert[] {
  const rec = engine.recorder;
  const scenario = engine.scenario;
  if (scenario !== known.scenario) known = { scenario, reached: -1, alerts: [], rec: null, version: -1 };
  if (!rec) return known.alerts;
  const now = engine.now;
  if (now >= known.reached) {
    if (rec !== known.rec || rec.alertsVersion !== known.version) {
      known = { ...known, alerts: rec.alerts.map((a) => ({ ...a, orderIds: [...a.orderIds] })), rec, version: rec.alertsVersion };
    }
    known.reached = now;
  }
  return known.alerts;
}

/** Where an alert stands at the playhead. */
export function alertStatus(a: Alert, playhead: number): 'later' | 'firing' | 'resolved' {
  if (a.firedAt > playhead) return 'later';
  return a.resolvedAt === null || a.resolvedAt > playhead ? 'firing' : 'resolved';
}
