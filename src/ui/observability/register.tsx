/**
 * Adds the "Signals" tab (alerts, metrics, event log) to the playground's side panel.
 * Importing this module registers it once.
 */
import { registerSidePanel } from '../sidePanels';
import { useUi } from '../store';
import { ObservabilityPanel } from './ObservabilityPanel';
import { useObs } from './obsStore';
import './observability.css';

/** The side-panel tab id. */
export const OBSERVABILITY_TAB_ID = 'observability';

let registered = false;

/** Registers the tab (idempotent). */
export function registerObservabilityPanel(): void {
  if (registered) return;
  registered = true;
  registerSidePanel({ id: OBSERVABILITY_TAB_ID, title: 'Signals', order: 8, render: () => <ObservabilityPanel /> });
}

/** Shows the Signals tab (e.g. for a lesson that asks to diagnose from signals alone). */
export function focusSignalsTab(view?: 'metrics' | 'log'): void {
  useUi.setState({ sideTab: OBSERVABILITY_TAB_ID });
  if (view) useObs.setState({ view });
}

registerObservabilityPanel();
