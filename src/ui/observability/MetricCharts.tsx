/** The metrics view: small multiples of the recorder's series, grouped like a team dashboard. */
import { memo } from 'react';
import { DEFAULT_ALERT_RULES } from '../../sim/alerts';
import { useEngine } from '../useEngine';
import { Chart } from './Chart';
import { CHARTS, type ChartDef } from './chartDefs';

const GROUPS: ChartDef['group'][] = ['Orders', 'Messaging', 'Infrastructure'];

/** See the module comment. */
export const MetricCharts = memo(function MetricCharts() {
  const rules = useEngine((e) => e.recorder?.rules ?? DEFAULT_ALERT_RULES, Object.is);
  const on = useEngine((e) => e.recorder !== null, Object.is);
  if (!on) return <p className="empty">Metrics are not recorded for this run.</p>;
  return (
    <div className="obs-charts" data-testid="obs-charts">
      {GROUPS.map((g) => (
        <section key={g} className="obs-chart-group" aria-label={g}>
          <h3 className="obs-group-title">{g}</h3>
          {CHARTS.filter((c) => c.group === g).map((c) => (
            <Chart key={c.id} def={c} rules={rules} />
          ))}
        </section>
      ))}
      <p className="obs-note">Dashed red lines are alert thresholds. Samples every 100 ms of virtual time; hover a chart to read it.</p>
    </div>
  );
});
