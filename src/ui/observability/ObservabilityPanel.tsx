/**
 * The "Signals" side-panel tab: only what a real team would have — alerts, metrics and logs —
 * kept apart from the ground-truth panels (anomalies, inspector, money), so a lesson can ask
 * "find the lost order from the signals alone".
 */
import { memo } from 'react';
import { AlertList } from './AlertList';
import { EventLog } from './EventLog';
import { MetricCharts } from './MetricCharts';
import { useObs } from './obsStore';

const VIEWS = [
  { id: 'metrics', title: 'Metrics' },
  { id: 'log', title: 'Event log' },
] as const;

/** See the module comment. */
export const ObservabilityPanel = memo(function ObservabilityPanel() {
  const view = useObs((s) => s.view);
  return (
    <div className="obs-panel" data-testid="obs-panel">
      <p className="obs-intro">What the on-call team sees: alerts, metrics and logs. No ground truth here.</p>
      <AlertList />
      <div className="tabs obs-views" role="tablist" aria-label="Signals">
        {VIEWS.map((v) => (
          <button
            key={v.id}
            type="button"
            role="tab"
            className="tab"
            aria-selected={view === v.id}
            data-testid={`obs-view-${v.id}`}
            onClick={() => useObs.setState({ view: v.id })}
          >
            {v.title}
          </button>
        ))}
      </div>
      <div className="obs-view" role="tabpanel">
        {view === 'metrics' ? <MetricCharts /> : <EventLog />}
      </div>
    </div>
  );
});
