/**
 * What differs between two runs of the same seed: each customer request's fate, the money, the stock and the
 * emails — read from each run's report and view (ground truth), never inferred — and where the
 * two traces first part, found by comparing them event by event. Pure, so it is tested in Node.
 */
import type { EngineView } from '../../sim/api';
import type { AnomalyKind, Message, OrderState, Report, TraceEvent } from '../../sim/types';

/** One order as it ended in one run. */
export interface OrderEnd {
  id: string;
  state: OrderState;
  anomalies: AnomalyKind[];
}

/**
 * What became of one customer request in one run. Requests, not orders, are matched across the
 * runs: the workload sends the same requests in both, but order ids are handed out as requests
 * arrive, so "o5" may be another customer's order in the other run (or a duplicate order).
 */
export interface RequestFate {
  orders: OrderEnd[];
  /** Amount charged and not refunded, and amount refunded, by the provider (the real money). */
  held: number;
  refunded: number;
  /** Email templates sent for its orders, in order. */
  emails: string[];
}

/** A run's outcome as far as the comparison looks. */
export interface Outcome {
  requests: Map<string, RequestFate>;
  charged: number;
  refunded: number;
  stockAvailable: number;
  stockShipped: number;
  emails: number;
  anomalies: number;
}

/** Order id → request id, from a report. */
export function orderRequests(report: Report): Map<string, string> {
  return new Map(report.orders.map((o) => [o.id, o.requestId]));
}

/** Reads a run's outcome from its report and view. */
export function outcomeOf(report: Report, view: EngineView): Outcome {
  const requests = new Map<string, RequestFate>();
  const toRequest = orderRequests(report);
  const fate = (req: string): RequestFate => {
    let f = requests.get(req);
    if (!f) {
      f = { orders: [], held: 0, refunded: 0, emails: [] };
      requests.set(req, f);
    }
    return f;
  };
  for (const o of report.orders) fate(o.requestId).orders.push({ id: o.id, state: o.state, anomalies: [...o.anomalies].sort() });
  for (const c of view.charges) {
    const req = c.orderId === null ? undefined : toRequest.get(c.orderId);
    if (req === undefined) continue;
    const f = fate(req);
    if (c.refundedAt === null) f.held += c.amount;
    else f.refunded += c.amount;
  }
  for (const e of view.emails) {
    const req = toRequest.get(e.orderId);
    if (req !== undefined) fate(req).emails.push(e.template);
  }
  return {
    requests,
    charged: report.ledger.charged,
    refunded: report.ledger.refunded,
    stockAvailable: report.stock.available,
    stockShipped: report.stock.shipped,
    emails: view.emails.length,
    anomalies: report.anomalyList.length,
  };
}

/** One difference between the runs, with the requests it concerns (for finding where they part). */
export interface Difference {
  /** Stable key, e.g. "request:r3", "money:charged". */
  key: string;
  kind: 'request' | 'money' | 'stock' | 'emails';
  label: string;
  a: string;
  b: string;
  requests: string[];
}

function money(n: number): string {
  return `$${n.toLocaleString('en-US')}`;
}

/** How a request's fate reads in a row, e.g. "o3 Shipped; $40 held; emails: confirmed, shipped". */
export function fateText(f: RequestFate | undefined, stateLabel: (s: OrderState) => string, anomalyLabel: (k: AnomalyKind) => string = (k) => k): string {
  if (!f || f.orders.length === 0) return 'no order';
  const parts = [f.orders.map((o) => `${o.id} ${stateLabel(o.state)}${o.anomalies.length ? ` (${o.anomalies.map(anomalyLabel).join(', ')})` : ''}`).join(', ')];
  if (f.held > 0) parts.push(`${money(f.held)} held`);
  if (f.refunded > 0) parts.push(`${money(f.refunded)} refunded`);
  if (f.emails.length > 0) parts.push(`emails: ${f.emails.join(', ')}`);
  return parts.join('; ');
}

/** The part of a fate that must match: order ids may differ between runs, states and money may not. */
function fateKey(f: RequestFate | undefined): string {
  if (!f) return '';
  return JSON.stringify([f.orders.map((o) => [o.state, o.anomalies]), f.held, f.refunded, f.emails]);
}

function byNumber(x: string, y: string): number {
  return Number(x.slice(1)) - Number(y.slice(1)) || x.localeCompare(y);
}

/** Requests whose fate differs, then the totals that differ. Empty when the outcomes agree. */
export function differences(a: Outcome, b: Outcome, stateLabel: (s: OrderState) => string, anomalyLabel?: (k: AnomalyKind) => string): Difference[] {
  const out: Difference[] = [];
  const ids = [...new Set([...a.requests.keys(), ...b.requests.keys()])].sort(byNumber);
  const changed: string[] = [];
  for (const id of ids) {
    const fa = a.requests.get(id);
    const fb = b.requests.get(id);
    if (fateKey(fa) === fateKey(fb)) continue;
    changed.push(id);
    out.push({ key: `request:${id}`, kind: 'request', label: `Request ${id}`, a: fateText(fa, stateLabel, anomalyLabel), b: fateText(fb, stateLabel, anomalyLabel), requests: [id] });
  }
  const moneyReqs = ids.filter((id) => {
    const fa = a.requests.get(id);
    const fb = b.requests.get(id);
    return (fa?.held ?? 0) !== (fb?.held ?? 0) || (fa?.refunded ?? 0) !== (fb?.refunded ?? 0);
  });
  if (a.charged !== b.charged) out.push({ key: 'money:charged', kind: 'money', label: 'Money taken', a: money(a.charged), b: money(b.charged), requests: moneyReqs });
  if (a.refunded !== b.refunded) out.push({ key: 'money:refunded', kind: 'money', label: 'Money refunded', a: money(a.refunded), b: money(b.refunded), requests: moneyReqs });
  if (a.stockAvailable !== b.stockAvailable || a.stockShipped !== b.stockShipped) {
    out.push({
      key: 'stock',
      kind: 'stock',
      label: 'Stock',
      a: `${a.stockAvailable} available, ${a.stockShipped} shipped`,
      b: `${b.stockAvailable} available, ${b.stockShipped} shipped`,
      requests: changed,
    });
  }
  if (a.emails !== b.emails) {
    const emailReqs = ids.filter((id) => (a.requests.get(id)?.emails.join() ?? '') !== (b.requests.get(id)?.emails.join() ?? ''));
    out.push({ key: 'emails', kind: 'emails', label: 'Emails sent', a: String(a.emails), b: String(b.emails), requests: emailReqs });
  }
  return out;
}

/** Where two traces first part: the first differing event on each side (null: that side has none). */
export interface Divergence {
  /** Position in the (filtered) traces where they first differ. */
  index: number;
  a: TraceEvent | null;
  b: TraceEvent | null;
  /** The message each side's event is about (or the next one that names a message), for selecting. */
  aMsg: string | null;
  bMsg: string | null;
  /** Time of the event that names that message on each side (null: none). */
  aMsgT: number | null;
  bMsgT: number | null;
}

/** The message an event is about, if any. */
export function messageOf(e: TraceEvent): string | null {
  if ('msg' in e) return e.msg.id;
  if ('msgId' in e) return e.msgId ?? null;
  return null;
}

/** Which customer request each event of a trace concerns (null: none, e.g. a restart). */
export function requestsOfTrace(trace: readonly TraceEvent[], orderToRequest: ReadonlyMap<string, string>): (string | null)[] {
  const msgs = new Map<string, Message>();
  return trace.map((e) => {
    if ('msg' in e) {
      msgs.set(e.msg.id, e.msg);
      return e.msg.requestId;
    }
    if (e.kind === 'request') return e.requestId;
    if ('orderId' in e && e.orderId) return orderToRequest.get(e.orderId) ?? null;
    if ('msgId' in e && e.msgId) return msgs.get(e.msgId)?.requestId ?? null;
    return null;
  });
}

/** A comparable key for one event: everything it records. */
function keyOf(e: TraceEvent): string {
  return JSON.stringify(e);
}

function firstMessageFrom(events: readonly TraceEvent[], from: number): { id: string | null; t: number | null } {
  for (let i = from; i < events.length; i++) {
    const m = messageOf(events[i]);
    if (m) return { id: m, t: events[i].t };
  }
  return { id: null, t: null };
}

/**
 * The first event where the traces differ, looking only at events for `requests` when given (each
 * side's `requestOf` says which request an event concerns). Null when they agree throughout.
 */
export function firstDivergence(
  a: readonly TraceEvent[],
  b: readonly TraceEvent[],
  requests: ReadonlySet<string> | null = null,
  requestOfA: readonly (string | null)[] = [],
  requestOfB: readonly (string | null)[] = [],
): Divergence | null {
  const pick = (t: readonly TraceEvent[], of: readonly (string | null)[]) => (requests ? t.filter((_, i) => requests.has(of[i] ?? '')) : t);
  const ea = pick(a, requestOfA);
  const eb = pick(b, requestOfB);
  const n = Math.min(ea.length, eb.length);
  let i = 0;
  while (i < n && keyOf(ea[i]) === keyOf(eb[i])) i++;
  if (i === ea.length && i === eb.length) return null;
  const ma = firstMessageFrom(ea, i);
  const mb = firstMessageFrom(eb, i);
  return { index: i, a: ea[i] ?? null, b: eb[i] ?? null, aMsg: ma.id, bMsg: mb.id, aMsgT: ma.t, bMsgT: mb.t };
}

/** Every message a trace published or lost, by id (for naming the events of one run). */
export function messagesOfTrace(trace: readonly TraceEvent[]): Map<string, Message> {
  const out = new Map<string, Message>();
  for (const e of trace) if ('msg' in e) out.set(e.msg.id, e.msg);
  return out;
}
