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
            id={`obs-view-${v.id}`}
            aria-selected={view === v.id}
            aria-controls="obs-view-panel"
            tabIndex={view === v.id ? 0 : -1}
            data-testid={`obs-view-${v.id}`}
            onClick={() => useObs.setState({ view: v.id })}
            onKeyDown={(e) => {
              if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
              // Two tabs: either arrow switches to the other one (and not through time).
              e.preventDefault();
              e.stopPropagation();
              const other = VIEWS.find((x) => x.id !== v.id)!;
              useObs.setState({ view: other.id });
              document.getElementById(`obs-view-${other.id}`)?.focus();
            }}
          >
            {v.title}
          </button>
        ))}
      </div>
      <div className="obs-view" id="obs-view-panel" role="tabpanel" aria-labelledby={`obs-view-${view}`}>
        {view === 'metrics' ? <MetricCharts /> : <EventLog />}
      </div>
    </div>
  );
});
