/**
 * Alert markers on the timeline: a short bar where each alert fired, coloured by severity.
 * Drawn over the range input without taking its clicks, like the control-change ticks.
 */
import { memo } from 'react';
import { fmtMs } from '../format';
import { useKnownAlerts } from './AlertList';

/** See the module comment. `max` is the timeline's end in virtual ms. */
export const AlertTicks = memo(function AlertTicks({ max }: { max: number }) {
  const alerts = useKnownAlerts();
  if (alerts.length === 0) return null;
  return (
    <div className="obs-alert-ticks" aria-hidden="true" data-testid="alert-ticks">
      {alerts.map((a) => (
        <span
          key={a.id}
          className="obs-alert-tick"
          data-severity={a.severity}
          style={{ left: `${Math.min(100, (a.firedAt / max) * 100)}%` }}
          title={`${a.title} at ${fmtMs(a.firedAt)}`}
        />
      ))}
    </div>
  );
});
