/**
 * Alerts as an on-call engineer gets them: what fired, when, whether it still fires at the
 * playhead, and the orders behind it. Clicking an alert jumps to the moment it fired and selects
 * its first order; clicking an order chip selects that order instead.
 */
import { memo } from 'react';
import type { Alert } from '../../sim/alerts';
import { METRICS } from '../../sim/metricCatalog';
import { fmtMs } from '../format';
import { useUi } from '../store';
import { useEngine } from '../useEngine';
import { openAlert } from './navigate';
import { alertStatus, knownAlerts, useObs } from './obsStore';

const CHIPS = 4;

/** Alerts known for the current scenario; re-renders only when they change. */
export function useKnownAlerts(): readonly Alert[] {
  return useEngine(() => knownAlerts(), Object.is);
}

function AlertRow({ a, playhead, selected }: { a: Alert; playhead: number; selected: boolean }) {
  const status = alertStatus(a, playhead);
  const extra = a.orderIds.length - CHIPS;
  const unit = METRICS[a.metric].unit;
  const threshold = unit === 'ms' ? fmtMs(a.threshold) : String(a.threshold);
  return (
    <li className="obs-alert" data-severity={a.severity} data-status={status} data-selected={selected || undefined}>
      <button
        type="button"
        className="obs-alert-main"
        data-testid="alert-item"
        data-alert={a.id}
        data-status={status}
        data-fired-at={a.firedAt}
        data-order={a.orderIds[0]}
        title={`${METRICS[a.metric].label} above ${threshold}. Jump to ${fmtMs(a.firedAt)} and select ${a.orderIds[0] ?? 'nothing'}.`}
        onClick={() => void openAlert(a)}
      >
        <span className="obs-sev" role="img" aria-label={a.severity} />
        <span className="obs-alert-title">{a.title}</span>
        <span className="obs-alert-when">
          {status === 'later' ? 'later, at ' : 'fired '}
          {fmtMs(a.firedAt)}
          {status === 'resolved' && a.resolvedAt !== null ? ` · resolved ${fmtMs(a.resolvedAt)}` : ''}
          {status === 'firing' ? ' · firing' : ''}
        </span>
      </button>
      {a.orderIds.length > 0 && (
        <div className="obs-chips">
          {a.orderIds.slice(0, CHIPS).map((id) => (
            <button key={id} type="button" className="obs-chip mono" data-testid="alert-order" onClick={() => void openAlert(a, id)}>
              {id}
            </button>
          ))}
          {extra > 0 && <span className="obs-more">+{extra} more</span>}
        </div>
      )}
    </li>
  );
}

/** See the module comment. */
export const AlertList = memo(function AlertList() {
  const alerts = useKnownAlerts();
  const playhead = useUi((u) => u.playhead);
  const selected = useObs((s) => s.selectedAlert);
  const firing = alerts.filter((a) => alertStatus(a, playhead) === 'firing').length;
  return (
    <section className="obs-alerts" aria-labelledby="obs-alerts-title">
      <h2 id="obs-alerts-title" className="panel-title">
        Alerts <span className={`count-badge${firing ? ' obs-firing' : ''}`}>{firing ? `${firing} firing` : alerts.length}</span>
      </h2>
      {alerts.length === 0 ? (
        <p className="empty" data-testid="alerts-empty">
          No alert has fired yet. Alerts appear here when a rule's threshold is crossed, as a pager would ring.
        </p>
      ) : (
        <ul className="obs-alert-list" data-testid="alert-list">
          {alerts.map((a) => (
            <AlertRow key={a.id} a={a} playhead={playhead} selected={a.id === selected} />
          ))}
        </ul>
      )}
    </section>
  );
});
