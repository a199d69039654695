/** The headline over the topology: orders by outcome, then every kind of anomaly seen. */
import { memo } from 'react';
import { ANOMALIES, ANOMALY_KINDS, VISIBLE_NOT_HEALED } from '../../sim/catalog';
import type { AnomalyKind } from '../../sim/types';
import { BUCKET_LABEL, type Bucket, bucketCounts } from '../outcomes';
import { nounFor } from '../format';
import { useEngine } from '../useEngine';
import { StoppedEarlyNotice } from './StoppedEarlyNotice';

const BUCKETS: Bucket[] = ['ok', 'cancelled', 'review', 'pending'];
const REVIEW = BUCKETS.indexOf('review');
/** Anomaly kinds shown as chips (in catalog order, money first); the rest fold into "+N more". */
const MAX_KINDS = 3;

interface Summary {
  total: number;
  buckets: string;
  anomalies: string;
  anomalyTotal: number;
  done: boolean;
  /** The run ended because nothing was left to do (not at its time limit). */
  settled: boolean;
  /** The run was cut short by its event budget (StoppedEarlyNotice says so instead). */
  stopped: boolean;
  /** Play was pressed already (time has moved, or it is moving): "press Play" would be wrong. */
  started: boolean;
}

/** Honest wording for the checks that only make sense once the system has settled. */
const SETTLED_CHECKS = 'Inventory drift and dashboard drift are judged once the run settles (nothing left in flight).';

/** See the module comment. */
export const OutcomeHeadline = memo(function OutcomeHeadline() {
  const s = useEngine<Summary>((e) => {
    const r = e.report();
    const b = bucketCounts(r);
    const kinds = ANOMALY_KINDS.filter((k) => (r.anomalies[k]?.count ?? 0) > 0).map((k) => `${k}:${r.anomalies[k].count}`);
    return {
      total: r.orders.length,
      buckets: BUCKETS.map((k) => b[k]).join(','),
      anomalies: kinds.join(','),
      anomalyTotal: r.anomalyList.length,
      done: e.done,
      settled: r.quiescent,
      stopped: r.stoppedEarly !== undefined,
      started: e.now > 0 || e.panelsFollow !== null,
    };
  });
  const counts = s.buckets.split(',').map(Number);
  const anomalies = s.anomalies ? s.anomalies.split(',').map((x) => x.split(':') as [AnomalyKind, string]) : [];
  return (
    <section className="headline" aria-label="Outcome" data-testid="outcome-headline" data-done={s.done || undefined}>
      <div className="headline-orders">
        <span className="headline-total">
          <strong data-testid="orders-total">{s.total}</strong> {nounFor(s.total, 'order')}
        </span>
        {BUCKETS.map((b, i) =>
          b !== 'ok' && counts[i] === 0 ? null : (
            <span key={b} className={`stat stat-${b}`} data-testid={`outcome-${b}`}>
              <strong>{counts[i]}</strong> {BUCKET_LABEL[b]}
            </span>
          ),
        )}
      </div>
      <div className="headline-anomalies" aria-live="polite">
        {anomalies.length === 0 && counts[REVIEW] > 0 ? (
          // Dead-lettered orders are not anomalies, but they are not healed either: a person must act.
          <span
            className="stat stat-visible"
            data-testid="no-anomalies"
            data-visible-not-healed
            title="No anomaly was detected, but a dead-letter queue parked these orders: it made them visible, it did not fix them. A person has to."
          >
            Visible, not healed: {counts[REVIEW]} {counts[REVIEW] === 1 ? 'needs' : 'need'} a person
          </span>
        ) : anomalies.length === 0 ? (
          <span className="stat stat-clean" data-testid="no-anomalies" title={s.total > 0 && !s.settled ? SETTLED_CHECKS : undefined}>
            {s.total === 0 ? (s.started ? 'No orders yet' : 'No orders yet: press Play') : s.done && s.settled ? 'No anomalies' : 'No anomalies so far'}
          </span>
        ) : (
          <>
            {anomalies.slice(0, MAX_KINDS).map(([k, n]) => (
              // Visible-not-healed kinds (manual review) are amber: the remedy surfaced them, a person must act.
              <span
                key={k}
                className={VISIBLE_NOT_HEALED.has(k) ? 'stat stat-visible' : 'stat stat-bad'}
                data-testid={`anomaly-count-${k}`}
                data-visible-not-healed={VISIBLE_NOT_HEALED.has(k) || undefined}
                title={ANOMALIES[k]?.help}
              >
                <strong>{n}</strong> {ANOMALIES[k]?.title.toLowerCase() ?? k}
              </span>
            ))}
            {anomalies.length > MAX_KINDS && (
              <span
                className="stat stat-bad"
                data-testid="anomaly-more"
                title={anomalies
                  .slice(MAX_KINDS)
                  .map(([k, n]) => `${n} ${ANOMALIES[k]?.title.toLowerCase() ?? k}`)
                  .join(', ')}
              >
                +{anomalies.length - MAX_KINDS} more
              </span>
            )}
          </>
        )}
        <StoppedEarlyNotice />
        {s.done && !s.settled && !s.stopped && s.total > 0 && (
          <span
            className="stat stat-review"
            data-testid="never-settled"
            title={`The run reached its time limit with work still pending (for example a message retried forever). ${SETTLED_CHECKS} So they did not run.`}
          >
            never settled
          </span>
        )}
        <span className="visually-hidden" data-testid="anomaly-total">
          {s.anomalyTotal}
        </span>
      </div>
    </section>
  );
});
