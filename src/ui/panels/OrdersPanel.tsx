/**
 * Every order with its state and a verdict badge. Rows are windowed (only the visible ones
 * are rendered) so a run with thousands of orders stays cheap to update while playing.
 */
import { memo, useEffect, useRef, useState } from 'react';
import type { AnomalyKind, OrderState, Report } from '../../sim/types';
import { fmtMs, plural } from '../format';
import { stateLabel, verdictOf } from '../outcomes';
import { selectOrder, useUi } from '../store';
import { useEngine } from '../useEngine';

const ROW_H = 30;

interface Row {
  id: string;
  state: OrderState;
  placedAt: number;
  anomalies: AnomalyKind[];
}

function sameKinds(a: AnomalyKind[], b: AnomalyKind[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function rowsEqual(a: Row[], b: Row[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.id !== y.id || x.state !== y.state || !sameKinds(x.anomalies, y.anomalies)) return false;
  }
  return true;
}

/** Each order's anomalies, by id, built once per report (a report is made once per playhead position). */
const anomaliesByReport = new WeakMap<Report, Map<string, AnomalyKind[]>>();

function anomaliesOf(r: Report): Map<string, AnomalyKind[]> {
  let m = anomaliesByReport.get(r);
  if (!m) {
    m = new Map();
    for (const o of r.orders) m.set(o.id, o.anomalies);
    anomaliesByReport.set(r, m);
  }
  return m;
}

/** Lists orders; selecting one opens its trace. */
export const OrdersPanel = memo(function OrdersPanel() {
  const rows = useEngine<Row[]>((e) => {
    const anomalies = anomaliesOf(e.report());
    return e.view().orders.map((o) => ({ id: o.id, state: o.state, placedAt: o.placedAt, anomalies: anomalies.get(o.id) ?? [] }));
  }, rowsEqual);
  // Once time moves, "Press Play" is no longer the way forward: the first order is simply not placed yet.
  const started = useEngine((e) => e.now > 0 || e.panelsFollow !== null, Object.is);
  const selected = useUi((u) => u.selectedOrder);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const shown = onlyProblems ? rows.filter((r) => r.anomalies.length > 0) : rows;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(240);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - 4);
  const last = Math.min(shown.length, Math.ceil((scrollTop + height) / ROW_H) + 4);
  const visible = shown.slice(first, last);

  return (
    <div className="orders-panel">
      <div className="panel-toolbar">
        <span className="muted">
          {plural(rows.length, 'order')}{onlyProblems ? `, ${shown.length} with anomalies` : ''}
        </span>
        <label className="check-inline">
          <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.currentTarget.checked)} />
          Only orders with anomalies
        </label>
      </div>
      <div className="orders-head" aria-hidden="true">
        <span>Order</span>
        <span>State</span>
        <span>Verdict</span>
        <span>Placed</span>
      </div>
      <div className="orders-scroll" ref={scroller} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        {shown.length === 0 ? (
          <p className="empty">{rows.length === 0 ? (started ? 'No orders yet.' : 'No orders yet. Press Play.') : 'No order has an anomaly.'}</p>
        ) : (
          <ul className="orders-list" style={{ height: shown.length * ROW_H }} aria-label="Orders" data-testid="orders-list">
            {visible.map((r, i) => {
              const v = verdictOf(r.state, r.anomalies);
              return (
                <li key={r.id} style={{ top: (first + i) * ROW_H, height: ROW_H }}>
                  <button
                    type="button"
                    className="order-row"
                    data-testid="order-row"
                    data-order={r.id}
                    aria-pressed={selected === r.id}
                    onClick={() => selectOrder(r.id)}
                  >
                    <span className="mono">{r.id}</span>
                    <span title={stateLabel(r.state)}>{stateLabel(r.state)}</span>
                    <span>
                      <span className={`badge badge-${v.tone}`} data-testid="verdict">
                        {v.label}
                      </span>
                      {r.anomalies.length > 1 && <span className="badge badge-bad">+{r.anomalies.length - 1}</span>}
                    </span>
                    <span className="muted mono">{fmtMs(r.placedAt)}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </div>
  );
});
