/** Details of whatever was clicked last: a service, a message or an order. */
import { memo } from 'react';
import { CONSUMERS, PARTITIONS } from '../../sim/api';
import { ANOMALIES } from '../../sim/catalog';
import type { ServiceId } from '../../sim/types';
import { engine } from '../engineController';
import { fmtMoney, fmtMs, humanize, serviceName } from '../format';
import { messageColor } from '../messageColors';
import { stateLabel, verdictOf } from '../outcomes';
import { OrderMachine, ServiceMachines } from '../statechart/MachineCharts';
import { selectMessage, selectOrder, useUi } from '../store';
import { useEngineVersion } from '../useEngine';
import { WhatIfActions } from './WhatIfActions';

function Field({ k, children }: { k: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{k}</dt>
      <dd>{children}</dd>
    </>
  );
}

function ServiceDetails({ id }: { id: string }) {
  const v = engine.view();
  if (id === 'broker') {
    const total = v.partitions.reduce((n, p) => n + p.depth, 0);
    return (
      <div>
        <h3 className="inspect-title">Broker</h3>
        <p className="inspect-lead">Stores each published message in one partition of its topic and delivers it, in order, to every subscribing service.</p>
        <dl className="kv">
          <Field k="stored">{total}</Field>
          <Field k="in flight">{v.inFlight.length}</Field>
          <Field k="topics">{Object.keys(PARTITIONS).length}</Field>
        </dl>
      </div>
    );
  }
  if (id === 'dlq') {
    return (
      <div>
        <h3 className="inspect-title">Dead-letter queue</h3>
        <p className="inspect-lead">Messages that kept failing, parked for a human instead of blocking their partition.</p>
        {v.dlq.length === 0 ? (
          <p className="empty">Empty.</p>
        ) : (
          <ul className="plain-list">
            {v.dlq.map((m) => (
              <li key={m.id}>
                <button type="button" className="link-btn" onClick={() => selectMessage(m.id, m.orderId)}>
                  {m.type} <span className="mono muted">{m.id}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  if (id === 'provider') {
    const held = v.charges.filter((c) => c.refundedAt === null).reduce((n, c) => n + c.amount, 0);
    return (
      <div>
        <h3 className="inspect-title">Payment provider</h3>
        <p className="inspect-lead">The outside world: its ledger is the real money, whatever our services believe.</p>
        <dl className="kv">
          <Field k="charges">{v.charges.length}</Field>
          <Field k="refunds">{v.charges.filter((c) => c.refundedAt !== null).length}</Field>
          <Field k="money held">{fmtMoney(held)}</Field>
        </dl>
      </div>
    );
  }
  const s = v.services[id as ServiceId];
  if (!s) return <p className="empty">Unknown service.</p>;
  const consumes = (Object.keys(CONSUMERS) as (keyof typeof CONSUMERS)[]).filter((t) => CONSUMERS[t].includes(s.id));
  return (
    <div>
      <h3 className="inspect-title">
        {serviceName(s.id)} service <span className={`badge badge-${s.status === 'up' ? 'good' : 'bad'}`}>{s.status}</span>
      </h3>
      <dl className="kv">
        {Object.entries(s.figures).map(([k, n]) => (
          <Field key={k} k={humanize(k)}>
            {n}
          </Field>
        ))}
        <Field k="Lamport clock">{s.lamport}</Field>
        <Field k="clock skew">{s.skewMs} ms</Field>
        <Field k="consumes">{consumes.join(', ') || '—'}</Field>
      </dl>
      <h4 className="inspect-sub">Handling now</h4>
      {s.handling.length === 0 ? (
        <p className="empty">Nothing.</p>
      ) : (
        <ul className="plain-list">
          {s.handling.map((mid) => {
            const m = engine.index.messages.get(mid);
            return (
              <li key={mid}>
                <button type="button" className="link-btn" onClick={() => selectMessage(mid, m?.orderId ?? null)}>
                  {m?.type ?? 'message'} <span className="mono muted">{mid}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <ServiceMachines id={s.id} />
    </div>
  );
}

function MessageDetails({ id }: { id: string }) {
  const m = engine.index.messages.get(id);
  if (!m) return <p className="empty">Message {id} has not been published yet at this point in time.</p>;
  const pub = engine.index.published.get(id);
  const deliveries = engine.index.deliveries.get(id) ?? [];
  const inFlight = engine.view().inFlight.filter((f) => f.msg.id === id);
  return (
    <div>
      <h3 className="inspect-title">
        <span className="legend-dot" style={{ background: messageColor(m.type) }} /> {m.type}
      </h3>
      <dl className="kv">
        <Field k="id">
          <span className="mono">{m.id}</span>
        </Field>
        <Field k="order">
          {m.orderId ? (
            <button type="button" className="link-btn mono" onClick={() => selectOrder(m.orderId, id)}>
              {m.orderId}
            </button>
          ) : (
            <span className="muted">— (a customer request: it goes by its request id)</span>
          )}
        </Field>
        <Field k="request">
          <span className="mono">{m.requestId}</span>
        </Field>
        <Field k="from">{m.from}</Field>
        <Field k="topic">
          {m.topic}
          {pub && pub.partition >= 0 ? ` #${pub.partition}` : ''}
        </Field>
        <Field k="key / seq">
          <span className="mono">
            {m.key} / {m.seq}
          </span>
        </Field>
        <Field k="sent at">
          {fmtMs(pub?.t ?? m.sentAt)} <span className="muted">(sender clock {fmtMs(m.sentAt)})</span>
        </Field>
        <Field k="Lamport">{m.lamport}</Field>
        {pub?.via === 'outbox' && <Field k="via">outbox relay</Field>}
        {pub?.dropped && (
          <Field k="fate">
            <span className="badge badge-bad">dropped before the broker stored it</span>
          </Field>
        )}
        {m.poison && (
          <Field k="poison">
            <span className="badge badge-bad">fails every time</span>
          </Field>
        )}
        {inFlight.length > 0 && <Field k="in flight to">{inFlight.map((f) => serviceName(f.to)).join(', ')}</Field>}
      </dl>
      <WhatIfActions id={id} />
      <h4 className="inspect-sub">Deliveries ({deliveries.length})</h4>
      {deliveries.length === 0 ? (
        <p className="empty">None yet.</p>
      ) : (
        <ul className="plain-list">
          {deliveries.map((d) => (
            <li key={`${d.t}-${d.to}-${d.attempt}-${d.duplicate}`}>
              {fmtMs(d.t)} → {serviceName(d.to)}, attempt {d.attempt}
              {d.duplicate && <span className="badge badge-bad">duplicate</span>}
            </li>
          ))}
        </ul>
      )}
      <h4 className="inspect-sub">Payload</h4>
      <pre className="payload">{JSON.stringify(m.payload, null, 2)}</pre>
    </div>
  );
}

function OrderDetails({ id }: { id: string }) {
  const v = engine.view();
  const o = v.orders.find((x) => x.id === id);
  if (!o) return <p className="empty">Order {id} does not exist yet at this point in time.</p>;
  const anomalies = engine.report().orders.find((x) => x.id === id)?.anomalies ?? [];
  const verdict = verdictOf(o.state, anomalies);
  const charges = v.charges.filter((c) => c.orderId === id);
  return (
    <div data-testid="inspect-order">
      <h3 className="inspect-title">
        Order <span className="mono">{o.id}</span> <span className={`badge badge-${verdict.tone}`}>{verdict.label}</span>
      </h3>
      <dl className="kv">
        <Field k="state">{stateLabel(o.state)}</Field>
        <Field k="request">
          <span className="mono">{o.requestId}</span>
        </Field>
        <Field k="placed at">{fmtMs(o.placedAt)}</Field>
        <Field k="charges">{charges.length ? charges.map((c) => `${fmtMoney(c.amount)}${c.refundedAt !== null ? ' (refunded)' : ''}`).join(', ') : '—'}</Field>
        <Field k="dashboard says">{v.readModel[id] ? stateLabel(v.readModel[id]) : '—'}</Field>
      </dl>
      {anomalies.length > 0 && (
        <>
          <h4 className="inspect-sub">Anomalies</h4>
          <ul className="plain-list">
            {anomalies.map((a) => (
              <li key={a}>
                <strong>{ANOMALIES[a]?.title ?? a}</strong>: {ANOMALIES[a]?.help}
              </li>
            ))}
          </ul>
        </>
      )}
      <h4 className="inspect-sub">History</h4>
      <ol className="plain-list">
        {o.history.map((h) => (
          <li key={`${h.t}-${h.state}`}>
            <span className="mono muted">{fmtMs(h.t)}</span> {stateLabel(h.state)}
          </li>
        ))}
      </ol>
      <button type="button" className="btn btn-small" onClick={() => useUi.setState({ dockTab: 'trace', selectedOrder: id })}>
        Open trace
      </button>
      <OrderMachine id={id} />
    </div>
  );
}

/** See the module comment. */
export const Inspector = memo(function Inspector() {
  const target = useUi((u) => u.inspect);
  useEngineVersion();
  return (
    <section className="inspector" aria-labelledby="inspector-title" data-testid="inspector">
      <h2 id="inspector-title" className="panel-title">
        Inspector
      </h2>
      {!target && <p className="empty">Click a service, a message on the bus, or an order to see its details.</p>}
      {target?.kind === 'service' && <ServiceDetails id={target.id} />}
      {target?.kind === 'message' && <MessageDetails id={target.id} />}
      {target?.kind === 'order' && <OrderDetails id={target.id} />}
    </section>
  );
});
