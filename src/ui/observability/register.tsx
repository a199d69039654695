/**
 * Adds the "Signals" tab (alerts, metrics, event log) to the playground's side panel.
 * Importing this module registers it once. The panel itself (uPlot, the virtualised log) is
 * loaded when the tab is first wanted, so it costs nothing on the first paint.
 */
import { lazyPanel } from '../lazyPanel';
import { registerSidePanel } from '../sidePanels';
import { useUi } from '../store';
import { useObs } from './obsStore';
import './observability.css';

const panel = lazyPanel(() => import('./ObservabilityPanel').then((m) => m.ObservabilityPanel), 'signals');

/** The side-panel tab id. */
export const OBSERVABILITY_TAB_ID = 'observability';

let registered = false;

/** Registers the tab (idempotent). */
export function registerObservabilityPanel(): void {
  if (registered) return;
  registered = true;
  registerSidePanel({ id: OBSERVABILITY_TAB_ID, title: 'Signals', order: 8, render: panel.render, prefetch: panel.prefetch });
}

/** Shows the Signals tab (e.g. for a lesson that asks to diagnose from signals alone). */
export function focusSignalsTab(view?: 'metrics' | 'log'): void {
  useUi.setState({ sideTab: OBSERVABILITY_TAB_ID });
  if (view) useObs.setState({ view });
}

registerObservabilityPanel();
