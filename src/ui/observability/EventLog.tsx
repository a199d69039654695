/**
 * The searchable event log: every line the services wrote up to the playhead, tagged with its
 * order. Virtualised with @tanstack/react-virtual, so only the ~30 lines on screen exist in the
 * DOM however long the run. Filter by order, service, kind, failures, or free text; clicking a
 * line seeks the playhead to it and selects its message and order.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef } from 'react';
import { engine } from '../engineController';
import { fmtCount } from '../format';
import { useUi } from '../store';
import { useEngineVersion } from '../useEngine';
import { LOG_SOURCES, LOG_TYPES, LogModel, type LogRow, type LogType } from './logModel';
import { openLogRow } from './navigate';
import { setFilter, useObs } from './obsStore';

const ROW_PX = 22;
const model = new LogModel();

function fmtT(t: number): string {
  return (t / 1000).toFixed(3);
}

/** Most order ids offered as filter suggestions. */
const MAX_SUGGESTIONS = 2000;

const Row = memo(function Row({ r, selected, top }: { r: LogRow; selected: boolean; top: number }) {
  return (
    <button
      type="button"
      className="obs-log-row"
      style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_PX, transform: `translateY(${top}px)` }}
      data-testid="obs-log-row"
      data-level={r.level}
      data-order={r.orderId ?? undefined}
      data-i={r.i}
      data-selected={selected || undefined}
      title={`${fmtT(r.t)} s · ${r.source}${r.orderId ? ` · ${r.orderId}` : ''}\n${r.text}`}
      onClick={() => void openLogRow(r)}
    >
      <span className="obs-log-t mono">{fmtT(r.t)}</span>
      <span className="obs-log-src">{r.source}</span>
      <span className="obs-log-order mono">{r.orderId ?? ''}</span>
      <span className="obs-log-text">{r.text}</span>
    </button>
  );
});

/** See the module comment. */
export const EventLog = memo(function EventLog() {
  useEngineVersion();
  const filter = useObs((s) => s.filter);
  const follow = useObs((s) => s.follow);
  const selectedRow = useObs((s) => s.selectedRow);
  const selectedOrder = useUi((u) => u.selectedOrder);
  model.sync(engine.trace, engine.scenario);
  const rows = model.filter(filter);
  const total = model.rows.length;
  const orderCount = model.orderCount;
  // Rebuilt only when new orders appear, so a tick doesn't diff thousands of <option>s.
  // biome-ignore lint/correctness/useExhaustiveDependencies: orderCount is the change signal for the module-level model.
  const suggestions = useMemo(
    () => (
      <datalist id="obs-order-ids">
        {model
          .orderIds()
          .slice(0, MAX_SUGGESTIONS)
          .map((id) => (
            <option key={id} value={id} />
          ))}
      </datalist>
    ),
    [orderCount],
  );
  const scroller = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_PX, overscan: 12 });

  // Follow the newest line, like `tail -f`, unless the user scrolled away or picked a line.
  useEffect(() => {
    if (follow && rows.length) v.scrollToIndex(rows.length - 1, { align: 'end' });
  }, [follow, rows.length, v]);

  // After a click seeks back, keep the chosen line in view.
  useEffect(() => {
    if (selectedRow === null || follow) return;
    const idx = rows.findIndex((r) => r.i === selectedRow);
    if (idx >= 0) v.scrollToIndex(idx, { align: 'auto' });
  }, [selectedRow, follow, rows, v]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_PX * 1.5;
    if (follow !== atEnd) useObs.setState({ follow: atEnd });
  };

  return (
    <section className="obs-log" aria-label="Event log">
      <div className="obs-log-filters">
        <input
          className="obs-input mono"
          list="obs-order-ids"
          placeholder="order, o7"
          aria-label="Filter by order"
          data-testid="obs-log-order"
          value={filter.order}
          onChange={(e) => setFilter({ order: e.currentTarget.value })}
        />
        {suggestions}
        {selectedOrder && filter.order !== selectedOrder && (
          <button type="button" className="obs-link" data-testid="obs-log-use-selected" onClick={() => setFilter({ order: selectedOrder })}>
            only {selectedOrder}
          </button>
        )}
        <select aria-label="Filter by service" data-testid="obs-log-source" value={filter.source} onChange={(e) => setFilter({ source: e.currentTarget.value })}>
          <option value="">all services</option>
          {LOG_SOURCES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <select aria-label="Filter by event type" data-testid="obs-log-type" value={filter.type} onChange={(e) => setFilter({ type: e.currentTarget.value })}>
          <option value="">all events</option>
          {(Object.keys(LOG_TYPES) as LogType[]).map((t) => (
            <option key={t} value={t}>
              {LOG_TYPES[t]}
            </option>
          ))}
        </select>
        <input
          className="obs-input obs-search"
          type="search"
          placeholder="search text"
          aria-label="Search the log"
          data-testid="obs-log-search"
          value={filter.search}
          onChange={(e) => setFilter({ search: e.currentTarget.value })}
        />
        <label className="obs-check">
          <input type="checkbox" data-testid="obs-log-failures" checked={filter.failuresOnly} onChange={(e) => setFilter({ failuresOnly: e.currentTarget.checked })} />
          failures only
        </label>
      </div>
      <div className="obs-log-status">
        <span data-testid="obs-log-count">
          {rows.length === total ? `${fmtCount(total)} lines` : `${fmtCount(rows.length)} of ${fmtCount(total)} lines`}
        </span>
        <span> up to the playhead</span>
        {!follow && (
          <button type="button" className="obs-link" onClick={() => useObs.setState({ follow: true })}>
            follow newest ↓
          </button>
        )}
      </div>
      <div className="obs-log-scroll" ref={scroller} onScroll={onScroll} data-testid="obs-log">
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {v.getVirtualItems().map((item) => {
            const r = rows[item.index];
            return <Row key={r.i} r={r} selected={r.i === selectedRow} top={item.start} />;
          })}
        </div>
        {rows.length === 0 && <p className="empty obs-log-empty">{total ? 'No line matches these filters.' : 'Nothing has happened yet. Press Play: every message handled appears here as a log line.'}</p>}
      </div>
    </section>
  );
});
