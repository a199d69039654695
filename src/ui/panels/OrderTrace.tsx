/**
 * One order's trace as a sequence diagram: a lane per service, a row per event, arrows from
 * publish to delivery, and marks where faults struck or remedies stepped in. The sentence for
 * each row sits beside the diagram; rows about a message select it for the inspector.
 */
import { memo, useMemo } from 'react';
import { engine } from '../engineController';
import { plural, serviceName } from '../format';
import { messageColor } from '../messageColors';
import { stateLabel, verdictOf } from '../outcomes';
import { selectMessage, selectOrder, useUi } from '../store';
import { useEngine } from '../useEngine';
import { buildTraceRows, LANES, type TraceRow } from './traceRows';

const ROW = 26;
const HEAD = 32;
const TIME_W = 54;
const LANE_W = 56;
const WIDTH = TIME_W + LANES.length * LANE_W;

function laneX(lane: string): number {
  return TIME_W + LANES.indexOf(lane as (typeof LANES)[number]) * LANE_W + LANE_W / 2;
}

const TONE: Record<TraceRow['tone'], string> = { bad: 'var(--bad)', good: 'var(--good)', info: 'var(--info)', muted: 'var(--muted)' };

function GlyphMark({ r, y }: { r: TraceRow; y: number }) {
  if (!r.lane) return null;
  const x = laneX(r.lane);
  const c = TONE[r.tone];
  switch (r.glyph) {
    case 'publish':
      return <circle cx={x} cy={y} r={4.5} fill={r.msg ? messageColor(r.msg.type) : c} />;
    case 'deliver':
      return null;
    case 'drop':
      return <path d={`M${x - 5} ${y - 5}L${x + 5} ${y + 5}M${x + 5} ${y - 5}L${x - 5} ${y + 5}`} stroke={c} strokeWidth={2.5} />;
    case 'absorbed':
      return (
        <g stroke={c} strokeWidth={2} fill="none">
          <circle cx={x} cy={y} r={6} />
          <path d={`M${x - 3} ${y}l2 2.5 4-5`} />
        </g>
      );
    case 'buffered':
      return <path d={`M${x - 3} ${y - 5}v10M${x + 3} ${y - 5}v10`} stroke={c} strokeWidth={2.5} />;
    case 'failed':
      return (
        <g>
          <circle cx={x} cy={y} r={6.5} fill={c} />
          <path d={`M${x} ${y - 3.5}v4M${x} ${y + 2.5}v.5`} stroke="#fff" strokeWidth={2} strokeLinecap="round" />
        </g>
      );
    case 'deadLettered':
      return <rect x={x - 5} y={y - 5} width={10} height={10} rx={2} fill={c} />;
    case 'crash':
      return <path d={`M${x + 2} ${y - 8}l-6 8h5l-3 8 7-10h-5l3-6z`} fill={c} />;
    case 'state':
      return <path d={`M${x} ${y - 6}l6 6-6 6-6-6z`} fill="var(--surface)" stroke={c === 'var(--muted)' ? 'var(--text)' : c} strokeWidth={1.5} />;
    case 'money':
      return (
        <text x={x} y={y + 4} textAnchor="middle" className="glyph-text" fill={c}>
          $
        </text>
      );
    case 'stock':
      return <rect x={x - 5} y={y - 5} width={10} height={10} fill="none" stroke="#a855f7" strokeWidth={1.8} />;
    case 'email':
      return <path d={`M${x - 6} ${y - 4}h12v8h-12zM${x - 6} ${y - 4}l6 4.5 6-4.5`} fill="var(--surface)" stroke={c} strokeWidth={1.5} />;
    case 'shipment':
      return <path d={`M${x - 6} ${y - 4}h8v8h-8zM${x + 2} ${y - 1}h3l2 2v3h-5`} fill="none" stroke={c} strokeWidth={1.5} />;
    case 'reconcile':
      return <circle cx={x} cy={y} r={5} fill="none" stroke={c} strokeWidth={2} strokeDasharray="6 3" />;
    case 'request':
      return <circle cx={x} cy={y} r={4.5} fill="none" stroke={c} strokeWidth={2} />;
    default:
      return null;
  }
}

function Arrow({ r, y, rows }: { r: TraceRow; y: number; rows: TraceRow[] }) {
  if (r.glyph !== 'deliver' || !r.lane) return null;
  const x2 = laneX(r.lane);
  const hasFrom = r.fromRow !== undefined && r.fromRow >= 0 && rows[r.fromRow];
  const x1 = laneX(r.fromLane ?? r.lane);
  const y1 = hasFrom ? HEAD + (r.fromRow as number) * ROW + ROW / 2 : y - ROW / 2;
  const color = r.msg ? messageColor(r.msg.type) : 'var(--muted)';
  const d = x1 === x2 ? `M${x1} ${y1} C ${x1 + 26} ${y1}, ${x2 + 26} ${y}, ${x2 + 5} ${y}` : `M${x1} ${y1} L${x2 + (x2 > x1 ? -5 : 5)} ${y}`;
  return (
    <path
      d={d}
      stroke={color}
      strokeWidth={r.duplicate ? 2 : 1.5}
      strokeDasharray={r.duplicate ? '4 3' : undefined}
      fill="none"
      markerEnd="url(#trace-arrow)"
      style={{ color }}
    />
  );
}

/** See the module comment. */
export const OrderTrace = memo(function OrderTrace() {
  const orderId = useUi((u) => u.selectedOrder);
  const selectedMsg = useUi((u) => u.selectedMessage);
  const count = useEngine((e) => (orderId ? e.index.eventsOf(orderId).length : 0), Object.is);
  const controls = useEngine((e) => e.index.controls.length, Object.is);
  const order = useEngine((e) => {
    if (!orderId) return null;
    const o = e.view().orders.find((x) => x.id === orderId);
    const a = e.report().orders.find((x) => x.id === orderId)?.anomalies ?? [];
    return o ? { state: o.state, requestId: o.requestId, anomalies: a.join(',') } : null;
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: rows change exactly when the order's event count or the control count does
  const rows = useMemo(() => (orderId ? buildTraceRows(engine.trace, engine.index, orderId) : []), [orderId, count, controls]);

  if (!orderId) {
    return <p className="empty trace-empty">Select an order (in the Orders tab or the anomaly list) to see its trace.</p>;
  }
  if (rows.length === 0) {
    return (
      <p className="empty trace-empty" data-testid="order-trace" data-order={orderId}>
        Order <span className="mono">{orderId}</span> has no events yet at this point in time. Play on, or move the timeline forward.
      </p>
    );
  }
  const verdict = order ? verdictOf(order.state, order.anomalies ? (order.anomalies.split(',') as never[]) : []) : null;
  const height = HEAD + rows.length * ROW + 8;

  return (
    <div className="trace" data-testid="order-trace" data-order={orderId}>
      <div className="trace-header">
        <strong className="mono">{orderId}</strong>
        {order && <span className="muted">request {order.requestId}</span>}
        {order && <span className="badge badge-muted">{stateLabel(order.state)}</span>}
        {verdict && <span className={`badge badge-${verdict.tone}`}>{verdict.label}</span>}
        <span className="muted">{plural(rows.length, 'event')}</span>
        <button type="button" className="btn btn-small btn-ghost trace-close" onClick={() => selectOrder(null)}>
          Clear selection
        </button>
      </div>
      <div className="trace-scroll">
        <div className="trace-body" style={{ height }}>
          <svg className="trace-svg" width={WIDTH} height={height} role="img" aria-label={`Sequence diagram of ${orderId}`}>
            <defs>
              <marker id="trace-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                <path d="M0 0L10 5L0 10z" fill="context-stroke" />
              </marker>
            </defs>
            {rows.map((r, i) =>
              r.msg && r.msg.id === selectedMsg ? <rect key={`sel-${r.i}`} x={0} y={HEAD + i * ROW} width={WIDTH} height={ROW} className="trace-sel" /> : null,
            )}
            {LANES.map((l, i) => (
              <g key={l}>
                {/* Staggered on two lines, so neighbouring names never touch. */}
                <text x={laneX(l)} y={i % 2 === 0 ? 12 : 25} textAnchor="middle" className="lane-label">
                  {l === 'notification' ? 'Notify' : serviceName(l)}
                </text>
                <line x1={laneX(l)} x2={laneX(l)} y1={HEAD - 4} y2={height} className="lane-line" />
              </g>
            ))}
            {rows.map((r, i) => {
              const y = HEAD + i * ROW + ROW / 2;
              return (
                <g key={`r-${r.i}`}>
                  <text x={TIME_W - 8} y={y + 4} textAnchor="end" className="time-label">
                    {r.t.toFixed(r.t < 1000 ? 1 : 0)}
                  </text>
                  {r.glyph === 'control' && <line x1={TIME_W} x2={WIDTH} y1={y} y2={y} className="control-line-svg" />}
                  <Arrow r={r} y={y} rows={rows} />
                  <GlyphMark r={r} y={y} />
                </g>
              );
            })}
          </svg>
          <ol className="trace-text" style={{ top: HEAD }}>
            {rows.map((r) => (
              <li key={`t-${r.i}`} style={{ height: ROW }} data-tone={r.tone} data-selected={(r.msg && r.msg.id === selectedMsg) || undefined}>
                {r.msg ? (
                  <button type="button" className="trace-row-btn" onClick={() => selectMessage(r.msg!.id, orderId)} title={`${r.text}. Inspect ${r.msg.id}`}>
                    {r.text}
                  </button>
                ) : (
                  <span className="trace-row-text" title={r.text}>
                    {r.text}
                  </span>
                )}
              </li>
            ))}
          </ol>
        </div>
      </div>
    </div>
  );
});
