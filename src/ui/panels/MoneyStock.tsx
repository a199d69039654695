/**
 * The real money and the real stock: the payment provider's ledger per order, and the stock
 * level over time as a sparkline.
 */
import { memo } from 'react';
import type { ChargeView } from '../../sim/api';
import { fmtMoney, fmtMs } from '../format';
import { selectOrder, useUi } from '../store';
import { useEngine } from '../useEngine';

interface Ledger {
  charges: ChargeView[];
  charged: number;
  refunded: number;
  price: number;
}

function ledgerEqual(a: Ledger, b: Ledger): boolean {
  return a.charges.length === b.charges.length && a.refunded === b.refunded && a.charged === b.charged && a.price === b.price;
}

const LedgerTable = memo(function LedgerTable() {
  const l = useEngine<Ledger>((e) => {
    const charges = e.view().charges;
    let charged = 0;
    let refunded = 0;
    for (const c of charges) {
      charged += c.amount;
      if (c.refundedAt !== null) refunded += c.amount;
    }
    return { charges, charged, refunded, price: e.scenario.workload.price * e.scenario.workload.quantity };
  }, ledgerEqual);
  const selected = useUi((u) => u.selectedOrder);
  // Money held per order, to flag orders holding more than their price.
  const held = new Map<string, number>();
  for (const c of l.charges) if (c.refundedAt === null) held.set(c.orderId, (held.get(c.orderId) ?? 0) + c.amount);
  return (
    <section className="ledger" aria-labelledby="ledger-title">
      <h3 id="ledger-title" className="panel-subtitle">
        Provider ledger
      </h3>
      <p className="ledger-sum" data-testid="ledger-sum">
        <span>
          charged <strong>{fmtMoney(l.charged)}</strong>
        </span>
        <span>
          refunded <strong>{fmtMoney(l.refunded)}</strong>
        </span>
        <span>
          held <strong>{fmtMoney(l.charged - l.refunded)}</strong>
        </span>
      </p>
      {l.charges.length === 0 ? (
        <p className="empty">No charges yet. Every charge the payment provider takes shows up here, with its refund if any.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Charge</th>
                <th scope="col">Order</th>
                <th scope="col">Amount</th>
                <th scope="col">Key</th>
                <th scope="col">At</th>
                <th scope="col">Refunded</th>
              </tr>
            </thead>
            <tbody>
              {l.charges.map((c) => {
                const over = (held.get(c.orderId) ?? 0) > l.price;
                return (
                  <tr key={c.id} data-over={over || undefined} data-selected={c.orderId === selected || undefined}>
                    <td className="mono">{c.id}</td>
                    <td>
                      <button type="button" className="link-btn mono" onClick={() => selectOrder(c.orderId)}>
                        {c.orderId}
                      </button>
                      {over && <span className="badge badge-bad">double</span>}
                    </td>
                    <td>{fmtMoney(c.amount)}</td>
                    <td className="mono muted">{c.key ?? '—'}</td>
                    <td className="mono">{fmtMs(c.at)}</td>
                    <td className="mono">{c.refundedAt === null ? '—' : fmtMs(c.refundedAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
});

const W = 300;
const H = 110;

const StockChart = memo(function StockChart() {
  const s = useEngine(
    (e) => {
      const v = e.view();
      return { initial: v.stock.initial, available: v.stock.available, history: v.stock.history, now: v.now };
    },
    (a, b) => a.history.length === b.history.length && a.available === b.available && Math.abs(a.now - b.now) < 1,
  );
  const report = useEngine((e) => {
    const r = e.report().stock;
    return { reserved: r.reserved, shipped: r.shipped };
  });
  const points = [{ t: 0, available: s.initial }, ...s.history, { t: s.now, available: s.available }];
  const tMax = Math.max(1, s.now);
  const vMax = Math.max(1, s.initial, ...points.map((p) => p.available));
  const vMin = Math.min(0, ...points.map((p) => p.available));
  const x = (t: number) => 4 + (t / tMax) * (W - 8);
  const y = (v: number) => 8 + (1 - (v - vMin) / (vMax - vMin || 1)) * (H - 16);
  // A step line: stock holds its value until the next change.
  let d = `M${x(points[0].t)} ${y(points[0].available)}`;
  for (let i = 1; i < points.length; i++) d += `H${x(points[i].t)}V${y(points[i].available)}`;
  return (
    <section className="stock" aria-labelledby="stock-title">
      <h3 id="stock-title" className="panel-subtitle">
        Stock
      </h3>
      <p className="ledger-sum" data-testid="stock-sum">
        <span>
          available <strong>{s.available}</strong> of {s.initial}
        </span>
        <span>
          reserved <strong>{report.reserved}</strong>
        </span>
        <span>
          shipped <strong>{report.shipped}</strong>
        </span>
      </p>
      <svg className="sparkline" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Stock over time: ${s.available} of ${s.initial} available now`}>
        {vMin < 0 && <line x1={0} x2={W} y1={y(0)} y2={y(0)} className="spark-zero" />}
        <line x1={0} x2={W} y1={y(s.initial)} y2={y(s.initial)} className="spark-initial" />
        <path d={d} className="spark-line" />
        <circle cx={x(s.now)} cy={y(s.available)} r={3} className="spark-dot" />
      </svg>
    </section>
  );
});

/** See the module comment. */
export const MoneyStock = memo(function MoneyStock() {
  return (
    <div className="money-stock">
      <LedgerTable />
      <StockChart />
    </div>
  );
});
