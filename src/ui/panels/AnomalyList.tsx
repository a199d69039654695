/** Anomalies in plain words. Clicking one selects its order and the message that caused it. */
import { memo } from 'react';
import { ANOMALIES } from '../../sim/catalog';
import type { Anomaly } from '../../sim/types';
import { selectOrder, useUi } from '../store';
import { useEngine } from '../useEngine';

/** Orders named on an anomaly's card before the rest fold into "+N" (all of them are in its tooltip). */
const MAX_ORDERS = 3;

function same(a: Anomaly[], b: Anomaly[]): boolean {
  return a.length === b.length && a.every((x, i) => x.explanation === b[i].explanation && x.kind === b[i].kind);
}

/** See the module comment. */
export const AnomalyList = memo(function AnomalyList() {
  const list = useEngine((e) => e.report().anomalyList, same);
  const done = useEngine((e) => e.done, Object.is);
  const started = useEngine((e) => e.now > 0, Object.is);
  const selected = useUi((u) => u.selectedOrder);
  return (
    <section className="anomalies" aria-labelledby="anomalies-title">
      <h2 id="anomalies-title" className="panel-title">
        Anomalies <span className="count-badge">{list.length}</span>
      </h2>
      {list.length === 0 ? (
        <p className="empty" data-testid="anomalies-empty">
          {done
            ? 'None. Every order ended consistently.'
            : started
              ? 'None so far.'
              : 'None yet. Press Play, or switch on a fault on the left to see what goes wrong.'}
        </p>
      ) : (
        <ul className="anomaly-list" data-testid="anomaly-list">
          {list.map((a) => (
            <li key={`${a.kind}:${a.orderIds.join(',')}:${a.messageIds.join(',')}:${a.explanation}`}>
              <button
                type="button"
                className="anomaly"
                data-testid="anomaly-item"
                data-kind={a.kind}
                data-selected={(a.orderIds[0] && a.orderIds[0] === selected) || undefined}
                onClick={() => {
                  const order = a.orderIds[0] ?? null;
                  const msg = a.messageIds[0] ?? null;
                  if (order) selectOrder(order, msg);
                  else if (msg) useUi.setState({ selectedMessage: msg, inspect: { kind: 'message', id: msg } });
                }}
              >
                <span className="anomaly-kind">{ANOMALIES[a.kind]?.title ?? a.kind}</span>
                {a.orderIds.length > 0 && (
                  <span className="anomaly-orders" title={a.orderIds.join(', ')}>
                    {a.orderIds.length > MAX_ORDERS ? `${a.orderIds.slice(0, MAX_ORDERS).join(', ')} +${a.orderIds.length - MAX_ORDERS}` : a.orderIds.join(', ')}
                  </span>
                )}
                <span className="anomaly-text">{a.explanation}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
