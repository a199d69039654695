/**
 * Raw facts of a run, copied out as plain data for the invariant checker: what the customer
 * sent and was told, the provider's ledger, the warehouse, the stock moves, the emails, the
 * Order table, the dashboard and whatever still waits in a buffer. No opinions and no anomaly
 * logic here, so the checker can also be fed a hand-built world in tests.
 */
import type { ServiceRuntime } from '../runtime';
import type { OrderState, ServiceId, TraceEvent } from '../types';
import type { Services } from '../world';

/** One request as the customer sent it, and what the customer heard back about it. */
export interface TruthRequest {
  requestId: string;
  sentAt: number;
  quantity: number;
  price: number;
  /** Order ids the customer was told ("order accepted") for this request. */
  toldOrders: string[];
  /** When the customer asked to cancel it, if ever. */
  cancelSentAt: number | null;
}

/** One row of the Order table with its state history. */
export interface TruthOrder {
  id: string;
  requestId: string;
  quantity: number;
  amount: number;
  state: OrderState;
  placedAt: number;
  history: { t: number; state: OrderState }[];
}

/** One charge in the provider's ledger. */
export interface TruthCharge {
  id: string;
  orderId: string;
  amount: number;
  at: number;
  refundedAt: number | null;
}

/** The moment the Order service handled a customer's cancel, and each order's state just before. */
export interface TruthCancelHandled {
  requestId: string;
  msgId: string;
  t: number;
  statesBefore: Record<string, OrderState>;
}

/** A message that is stored somewhere but not yet handled. */
export interface TruthWaiting {
  where: string;
  msgId: string;
  type: string;
  orderId: string | null;
  requestId: string;
}

/** Everything the checker reads. */
export interface GroundTruth {
  now: number;
  /** Quiescent: nothing is left scheduled, so what is true now stays true. */
  atRest: boolean;
  /** How long a liveness promise may take in a run cut by its duration. */
  stuckAfterMs: number;
  initialStock: number;
  requests: TruthRequest[];
  orders: TruthOrder[];
  charges: TruthCharge[];
  shipments: { orderId: string; quantity: number; at: number }[];
  /** Inventory's count now, and every change to it (orderId '' for a reconciliation write). */
  stockAvailable: number;
  stockMoves: { t: number; orderId: string; delta: number; available: number }[];
  warehouse: number;
  emails: { orderId: string; template: 'confirmed' | 'cancelled' | 'shipped'; t: number }[];
  dashboard: { orderId: string; state: OrderState }[];
  cancelsHandled: TruthCancelHandled[];
  /** Messages parked in a version buffer, queued in a partition, or waiting in an outbox. */
  waiting: TruthWaiting[];
}

/** What a running simulation exposes that the gatherer reads. */
export interface TruthSource {
  s: Services;
  trace: readonly TraceEvent[];
  now: number;
  done: boolean;
  quiescent: boolean;
  scenario: { stuckAfterMs: number };
}

/** Copies the raw facts out of a simulation at its current time. */
export function groundTruth(sim: TruthSource): GroundTruth {
  const s = sim.s;
  const requests: TruthRequest[] = [...s.customer.requests.values()].map((r) => ({
    requestId: r.requestId,
    sentAt: r.sentAt,
    quantity: Number(r.first?.payload.quantity ?? 0),
    price: Number(r.first?.payload.price ?? 0),
    toldOrders: [...r.accepted],
    cancelSentAt: r.cancelSentAt,
  }));
  const orders: TruthOrder[] = [...s.order.orders.values()].map((o) => ({
    id: o.id,
    requestId: o.requestId,
    quantity: o.quantity,
    amount: o.amount,
    state: o.state,
    placedAt: o.placedAt,
    history: o.history.map((h) => ({ ...h })),
  }));
  const stockMoves: GroundTruth['stockMoves'] = [];
  for (const e of sim.trace) if (e.kind === 'stock' && e.delta !== 0) stockMoves.push({ t: e.t, orderId: e.orderId, delta: e.delta, available: e.available });
  const services: [ServiceId, ServiceRuntime][] = [
    ['customer', s.customer],
    ['order', s.order],
    ['payment', s.payment],
    ['inventory', s.inventory],
    ['shipping', s.shipping],
    ['notification', s.notification],
    ['analytics', s.analytics],
  ];
  const waiting: TruthWaiting[] = [];
  for (const [id, svc] of services) {
    for (const m of svc.parked()) waiting.push({ where: `${id}'s version buffer`, msgId: m.id, type: m.type, orderId: m.orderId, requestId: m.requestId });
    for (const row of svc.outbox) waiting.push({ where: `${id}'s outbox`, msgId: row.msg.id, type: row.msg.type, orderId: row.msg.orderId, requestId: row.msg.requestId });
  }
  for (const p of s.bus.partitions()) {
    for (const d of p.queue) waiting.push({ where: `partition ${p.index} of ${p.topic} (for ${p.group})`, msgId: d.msg.id, type: d.msg.type, orderId: d.msg.orderId, requestId: d.msg.requestId });
  }
  for (const t of s.bus.transit.values()) waiting.push({ where: 'transit to the broker', msgId: t.msg.id, type: t.msg.type, orderId: t.msg.orderId, requestId: t.msg.requestId });
  return {
    now: sim.now,
    atRest: sim.done && sim.quiescent,
    stuckAfterMs: sim.scenario.stuckAfterMs,
    initialStock: s.inventory.initial,
    requests,
    orders,
    charges: s.provider.charges.map((c) => ({ id: c.id, orderId: c.orderId, amount: c.amount, at: c.at, refundedAt: c.refundedAt })),
    shipments: [...s.shipping.shipments].map(([orderId, sh]) => ({ orderId, quantity: sh.quantity, at: sh.at })),
    stockAvailable: s.inventory.available,
    stockMoves,
    warehouse: s.shipping.warehouse,
    emails: s.notification.emails.map((e) => ({ orderId: e.orderId, template: e.template, t: e.t })),
    dashboard: [...s.analytics.rows].map(([orderId, r]) => ({ orderId, state: r.state })),
    cancelsHandled: cancelsHandled(sim.trace, s),
    waiting,
  };
}

/**
 * Replays the trace's order states to find, for each cancel the Order service handled, what
 * each of that request's orders looked like at that moment. A cancel is handled when it moves
 * an order (a state change it caused) or is absorbed by the Order service as not applicable.
 */
function cancelsHandled(trace: readonly TraceEvent[], s: Services): TruthCancelHandled[] {
  const state = new Map<string, OrderState>();
  const out: TruthCancelHandled[] = [];
  const byKey = new Map<string, TruthCancelHandled>();
  const isCancel = (msgId: string) => s.messages.get(msgId)?.type === 'CancelOrder';
  const record = (msgId: string, t: number, moved?: { orderId: string; from: OrderState }) => {
    // One handling emits one event per order of the request: they share one entry.
    const key = `${msgId}@${t}`;
    let entry = byKey.get(key);
    if (!entry) {
      const requestId = s.messages.get(msgId)!.requestId;
      const statesBefore: Record<string, OrderState> = {};
      for (const id of s.order.byRequest.get(requestId) ?? []) {
        const st = state.get(id);
        if (st) statesBefore[id] = st;
      }
      entry = { requestId, msgId, t, statesBefore };
      byKey.set(key, entry);
      out.push(entry);
    }
    if (moved) entry.statesBefore[moved.orderId] = moved.from;
  };
  for (const e of trace) {
    if (e.kind === 'state') {
      if (e.cause && e.from && isCancel(e.cause)) record(e.cause, e.t, { orderId: e.orderId, from: e.from });
      state.set(e.orderId, e.to);
    } else if (e.kind === 'absorbed' && e.to === 'order' && e.why === 'state' && isCancel(e.msgId)) {
      record(e.msgId, e.t);
    }
  }
  return out;
}
