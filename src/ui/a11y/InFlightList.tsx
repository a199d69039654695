/**
 * The messages in flight as a listbox, so they can be walked with the keyboard (the dots on the
 * canvas cannot take focus). ↑ and ↓ move through them and select each one: its dot is ringed
 * and its route lit on the topology, the inspector shows it, and a screen reader reads the
 * option. M (see shortcuts) jumps here from anywhere.
 */
import { type KeyboardEvent, memo, useState } from 'react';
import type { InFlightView } from '../../sim/api';
import { serviceName } from '../format';
import { selectMessage, useUi } from '../store';
import { senderNode } from '../traceIndex';
import { useEngine } from '../useEngine';

/** The list's element id, for the M shortcut. */
export const IN_FLIGHT_LIST_ID = 'in-flight-list';

/** More than this many in flight and the list shows the first ones (the count says how many). */
const MAX_SHOWN = 60;

interface Row {
  key: string;
  msgId: string;
  orderId: string | null;
  text: string;
}

/** How one message in flight reads, for sighted and screen-reader users alike. */
export function describeInFlight(m: InFlightView, now: number): string {
  const who = m.msg.orderId ?? `request ${m.msg.requestId}`;
  const from = senderNode(m.msg);
  const copy = m.duplicate ? (m.attempt > 1 ? `, attempt ${m.attempt}` : ', duplicate copy') : '';
  const where = now >= m.dueAt ? ', waiting for its consumer' : '';
  return `${who} ${m.msg.type}: ${from === 'dlq' ? 'Dead letters' : serviceName(from)} → ${serviceName(m.to)}${copy}${where}`;
}

function rowsOf(inFlight: InFlightView[], now: number): Row[] {
  return inFlight.slice(0, MAX_SHOWN).map((m) => ({ key: `${m.msg.id}:${m.to}:${m.attempt}`, msgId: m.msg.id, orderId: m.msg.orderId, text: describeInFlight(m, now) }));
}

function sameRows(a: { rows: Row[]; total: number }, b: { rows: Row[]; total: number }): boolean {
  return a.total === b.total && a.rows.length === b.rows.length && a.rows.every((r, i) => r.key === b.rows[i].key && r.text === b.rows[i].text);
}

/** See the module comment. */
export const InFlightList = memo(function InFlightList() {
  const playing = useUi((u) => u.playing);
  // While playing the messages change faster than anyone can walk them, and rebuilding the list
  // on every tick would cost frames: the list is built when the run is paused.
  const { rows, total } = useEngine((e) => {
    const v = e.view();
    return { rows: useUi.getState().playing ? [] : rowsOf(v.inFlight, e.now), total: v.inFlight.length };
  }, sameRows);
  const selected = useUi((u) => u.selectedMessage);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  // The active option is the one the keys last moved to, while it is still in flight.
  const active = rows.find((r) => r.key === activeKey) ?? null;
  // One message can be on its way to several consumers; mark the copy the walk is on, else the first.
  const selectedKey = (active && active.msgId === selected ? active : rows.find((r) => r.msgId === selected))?.key ?? null;

  const moveTo = (i: number) => {
    const r = rows[Math.max(0, Math.min(rows.length - 1, i))];
    if (!r) return;
    setActiveKey(r.key);
    selectMessage(r.msgId, r.orderId);
    document.getElementById(`in-flight-${r.key}`)?.scrollIntoView({ block: 'nearest' });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const i = active ? rows.indexOf(active) : -1;
    const to =
      e.key === 'ArrowDown' ? i + 1 : e.key === 'ArrowUp' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? rows.length - 1 : e.key === 'Enter' || e.key === ' ' ? Math.max(0, i) : null;
    if (to === null) return;
    // These keys walk the list here; elsewhere they move through time.
    e.preventDefault();
    e.stopPropagation();
    moveTo(to);
  };

  return (
    <section className="in-flight" aria-labelledby="in-flight-title">
      <h2 id="in-flight-title" className="panel-title">
        Messages in flight <span className="count-badge">{total}</span>
      </h2>
      {playing ? (
        <p className="empty" data-testid="in-flight-playing">
          Pause (Space) to walk the messages in flight with ↑ and ↓.
        </p>
      ) : rows.length === 0 ? (
        <p className="empty" data-testid="in-flight-empty">
          None right now. Step or play the run; press M to come back here and walk them with ↑ and ↓.
        </p>
      ) : (
        <>
          <p className="muted small" id="in-flight-help">
            ↑ ↓ select a message (M jumps here); its dot and route light up on the topology.
          </p>
          <div
            id={IN_FLIGHT_LIST_ID}
            className="in-flight-list"
            role="listbox"
            tabIndex={0}
            aria-labelledby="in-flight-title"
            aria-describedby="in-flight-help"
            aria-activedescendant={active ? `in-flight-${active.key}` : undefined}
            data-testid="in-flight-list"
            onKeyDown={onKeyDown}
          >
            {rows.map((r, i) => (
              // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox owns the keys (aria-activedescendant pattern).
              <div
                key={r.key}
                id={`in-flight-${r.key}`}
                role="option"
                tabIndex={-1}
                className="in-flight-option mono"
                aria-selected={r.key === selectedKey}
                data-active={r === active || undefined}
                data-testid="in-flight-option"
                onClick={() => {
                  moveTo(i);
                  // Keep the keys on the list, where the walk continues.
                  document.getElementById(IN_FLIGHT_LIST_ID)?.focus();
                }}
              >
                {r.text}
              </div>
            ))}
          </div>
          {total > rows.length && <p className="muted small">and {total - rows.length} more</p>}
        </>
      )}
    </section>
  );
});
