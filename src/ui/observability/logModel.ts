/**
 * The event log as the team's own services would write it: one line per trace event, tagged
 * with the order (correlation id) it concerns. It deliberately says only what the writer could
 * know — a publish the broker silently lost is logged as "published", a provider reply that
 * never came back is just a provider call — so learners must find problems from the signals,
 * as on-call engineers do. Incremental: `sync` reads only events it has not seen.
 */
import { MAX_ATTEMPTS } from '../../sim/bus';
import type { Message, OrderState, ServiceId, TraceEvent } from '../../sim/types';

/** Who wrote a log line. */
export type LogSource = ServiceId | 'broker' | 'reconciler' | 'operator';

/** Every source, in filter order. */
export const LOG_SOURCES: LogSource[] = ['customer', 'order', 'payment', 'inventory', 'shipping', 'notification', 'analytics', 'broker', 'reconciler', 'operator'];

/** What kind of line it is. */
export type LogType =
  | 'request'
  | 'published'
  | 'received'
  | 'handled'
  | 'skipped'
  | 'parked'
  | 'failed'
  | 'deadLetter'
  | 'state'
  | 'crash'
  | 'restart'
  | 'provider'
  | 'stock'
  | 'email'
  | 'shipment'
  | 'reconcile'
  | 'control';

/** Labels of line kinds, in filter order. */
export const LOG_TYPES: Record<LogType, string> = {
  request: 'Customer requests',
  published: 'Published',
  received: 'Received',
  handled: 'Handled (acked)',
  skipped: 'Skipped',
  parked: 'Parked (out of order)',
  failed: 'Handler failed',
  deadLetter: 'Dead-lettered',
  state: 'Order state changes',
  crash: 'Crashes',
  restart: 'Restarts',
  provider: 'Payment provider',
  stock: 'Stock',
  email: 'Emails',
  shipment: 'Shipments',
  reconcile: 'Reconciliation',
  control: 'Operator changes',
};

/** Severity of a line. "Failures only" shows warn and error. */
export type LogLevel = 'info' | 'warn' | 'error';

/** One log line. */
export interface LogRow {
  /** Index of the trace event it came from (unique, ordered). */
  i: number;
  t: number;
  source: LogSource;
  type: LogType;
  level: LogLevel;
  orderId: string | null;
  requestId: string | null;
  msgId: string | null;
  text: string;
}

/** The filters a user can set. Empty strings mean "any". */
export interface LogFilter {
  order: string;
  source: string;
  type: string;
  failuresOnly: boolean;
  search: string;
}

/** No filtering. */
export const NO_FILTER: LogFilter = { order: '', source: '', type: '', failuresOnly: false, search: '' };

const SKIP_WHY = {
  dedup: 'already processed',
  version: 'older than what this consumer has already seen',
  state: 'no effect in the order’s current state',
  idempotencyKey: 'same request key seen before; answered with the first result',
} as const;

const WARN_STATES = new Set<OrderState>(['Cancelled', 'RefundPending', 'RequiresManualReview']);
const WARN_TYPES = new Set(['PaymentFailed', 'StockRejected', 'ShipmentFailed', 'DeadLettered', 'OrderNeedsReview']);

/** Builds and filters log rows over one run's trace. */
export class LogModel {
  readonly rows: LogRow[] = [];
  private trace: readonly TraceEvent[] | null = null;
  private key: unknown = null;
  private readonly msgs = new Map<string, Message>();
  private readonly requestOf = new Map<string, string>();
  private filtered: { filter: LogFilter; upTo: number; rows: LogRow[] } | null = null;
  /** Trace events read so far. */
  private built = 0;

  /**
   * Reads new events. `key` identifies the scenario: a new trace for the same key is a replay
   * of the same run (deterministic), so it is a prefix or extension of what was read before.
   */
  sync(trace: readonly TraceEvent[], key: unknown): void {
    if (key !== this.key) this.reset(key);
    else if (trace !== this.trace && trace.length < this.built) this.truncate(trace.length);
    this.trace = trace;
    for (let i = this.built; i < trace.length; i++) this.add(trace[i], i);
    this.built = trace.length;
  }

  private reset(key: unknown): void {
    this.key = key;
    this.rows.length = 0;
    this.msgs.clear();
    this.requestOf.clear();
    this.filtered = null;
    this.built = 0;
  }

  private truncate(n: number): void {
    let k = this.rows.length;
    while (k > 0 && this.rows[k - 1].i >= n) k--;
    this.rows.length = k;
    this.built = n;
    this.filtered = null;
  }

  /** The request id an order was created from, once known. */
  requestFor(orderId: string): string | null {
    return this.requestOf.get(orderId) ?? null;
  }

  /** How many orders have been seen so far. */
  get orderCount(): number {
    return this.requestOf.size;
  }

  /** Order ids seen so far, in first-seen order. */
  orderIds(): string[] {
    return [...this.requestOf.keys()];
  }

  /** Rows matching `f`; incremental while only new rows arrive. */
  filter(f: LogFilter): LogRow[] {
    const c = this.filtered;
    if (c && sameFilter(c.filter, f) && c.upTo <= this.rows.length) {
      for (let k = c.upTo; k < this.rows.length; k++) if (this.matches(this.rows[k], f)) c.rows.push(this.rows[k]);
      c.upTo = this.rows.length;
      return c.rows;
    }
    const rows = this.rows.filter((r) => this.matches(r, f));
    this.filtered = { filter: { ...f }, upTo: this.rows.length, rows };
    return rows;
  }

  private matches(r: LogRow, f: LogFilter): boolean {
    if (f.failuresOnly && r.level === 'info') return false;
    if (f.source && r.source !== f.source) return false;
    if (f.type && r.type !== f.type) return false;
    if (f.order) {
      const o = f.order.trim().toLowerCase();
      if (r.orderId !== o && !(r.orderId === null && r.requestId !== null && this.requestOf.get(o) === r.requestId)) return false;
    }
    if (f.search) {
      const q = f.search.trim().toLowerCase();
      if (q && !r.text.toLowerCase().includes(q) && r.orderId !== q && r.msgId !== q) return false;
    }
    return true;
  }

  private add(e: TraceEvent, i: number): void {
    const row = this.toRow(e, i);
    if (row) this.rows.push(row);
  }

  private msgRow(i: number, t: number, source: LogSource, type: LogType, level: LogLevel, msgId: string, text: string): LogRow {
    const m = this.msgs.get(msgId);
    return { i, t, source, type, level, orderId: m?.orderId ?? null, requestId: m?.requestId ?? null, msgId, text };
  }

  private label(msgId: string): string {
    const m = this.msgs.get(msgId);
    return m ? `${m.type} ${msgId}` : msgId;
  }

  private toRow(e: TraceEvent, i: number): LogRow | null {
    const plain = (source: LogSource, type: LogType, level: LogLevel, orderId: string | null, text: string): LogRow => ({
      i,
      t: e.t,
      source,
      type,
      level,
      orderId,
      requestId: orderId ? (this.requestOf.get(orderId) ?? null) : null,
      msgId: null,
      text,
    });
    switch (e.kind) {
      case 'publish':
      case 'drop': {
        // A stored copy dropped by a what-if was published long before: its own line says so.
        if (e.kind === 'drop' && e.to !== undefined) return plain('operator', 'control', 'warn', e.msg.orderId, `the broker loses ${this.label(e.msg.id)} waiting for ${e.to}`);
        // A lost publish looks, to its sender, exactly like one that arrived.
        const m = e.msg;
        this.msgs.set(m.id, m);
        if (m.orderId && !this.requestOf.has(m.orderId)) this.requestOf.set(m.orderId, m.requestId);
        const source: LogSource = m.from === 'dlq' ? 'broker' : m.from === 'relay' ? 'order' : (m.from as LogSource);
        const via = e.kind === 'publish' && e.via === 'outbox' ? ' (outbox)' : '';
        return this.msgRow(i, e.t, source, 'published', WARN_TYPES.has(m.type) ? 'warn' : 'info', m.id, `publish ${m.type} ${m.id} → ${m.topic}${via}`);
      }
      case 'deliver':
        return this.msgRow(i, e.t, e.to, 'received', e.attempt > 1 ? 'warn' : 'info', e.msgId, `receive ${this.label(e.msgId)}${e.attempt > 1 ? ` (attempt ${e.attempt})` : ''}`);
      case 'ack':
        return this.msgRow(i, e.t, e.to, 'handled', 'info', e.msgId, `ack ${this.label(e.msgId)}`);
      case 'absorbed':
        return this.msgRow(i, e.t, e.to, 'skipped', 'info', e.msgId, `skip ${this.label(e.msgId)}: ${SKIP_WHY[e.why]}`);
      case 'buffered':
        return this.msgRow(i, e.t, e.to, 'parked', 'info', e.msgId, `park ${this.label(e.msgId)} until the messages before it arrive`);
      case 'handlerFailed':
        return this.msgRow(
          i,
          e.t,
          e.to,
          'failed',
          'error',
          e.msgId,
          e.retryAt === null
            ? `GIVE UP ${this.label(e.msgId)} after ${e.attempt} attempts`
            : `FAIL ${this.label(e.msgId)} (attempt ${e.attempt}), retry in ${Math.round(e.retryAt - e.t)} ms`,
        );
      case 'deadLettered':
        return this.msgRow(i, e.t, 'broker', 'deadLetter', 'error', e.msgId, `DLQ ← ${this.label(e.msgId)}, ${MAX_ATTEMPTS} failed attempts by ${e.to}`);
      case 'crash': {
        const r = plain(e.service, 'crash', 'error', null, e.msgId ? `CRASH while handling ${this.label(e.msgId)}` : 'CRASH');
        if (e.msgId) {
          const m = this.msgs.get(e.msgId);
          r.msgId = e.msgId;
          r.orderId = m?.orderId ?? null;
          r.requestId = m?.requestId ?? null;
        }
        return r;
      }
      case 'restart':
        return plain(e.service, 'restart', 'warn', null, 'restarted');
      case 'state':
        return plain('order', 'state', WARN_STATES.has(e.to) ? 'warn' : 'info', e.orderId, `${e.orderId} ${e.from ?? 'created'} → ${e.to}`);
      case 'charge':
        return plain('payment', 'provider', 'info', e.orderId, `provider: charge ${e.amount} for ${e.orderId}${e.key ? ` (key ${e.key})` : ''}`);
      case 'refund':
        return plain('payment', 'provider', 'info', e.orderId, `provider: refund ${e.amount} for ${e.orderId} (charge ${e.chargeId})`);
      case 'stock':
        return plain('inventory', 'stock', 'info', e.orderId, `${e.delta < 0 ? 'reserve' : 'release'} ${Math.abs(e.delta)} for ${e.orderId}, ${e.available} left`);
      case 'email':
        return plain('notification', 'email', 'info', e.orderId, `email "${e.template}" for ${e.orderId}`);
      case 'shipment':
        return plain('shipping', 'shipment', e.ok ? 'info' : 'warn', e.orderId, e.ok ? `shipped ${e.orderId}` : `ship FAILED for ${e.orderId}`);
      case 'reconcile':
        return plain('reconciler', 'reconcile', 'warn', e.orderId, `${e.action}${e.orderId ? ` (${e.orderId})` : ''}`);
      case 'control':
        return plain('operator', 'control', 'info', null, `set ${e.path} = ${String(e.value)}`);
      case 'whatIf':
        return plain('operator', 'control', 'warn', this.msgs.get(e.msgId)?.orderId ?? null, `what-if: ${e.action}${e.ms !== null ? ` ${e.ms} ms` : ''} ${this.label(e.msgId)}${e.to ? ` at ${e.to}` : ''}`);
      case 'request':
        return { ...plain('customer', 'request', e.attempt > 1 ? 'warn' : 'info', null, `request ${e.requestId}${e.attempt > 1 ? ` resent (attempt ${e.attempt})` : ' sent'}`), requestId: e.requestId, msgId: e.msgId };
    }
  }
}

function sameFilter(a: LogFilter, b: LogFilter): boolean {
  return a.order === b.order && a.source === b.source && a.type === b.type && a.failuresOnly === b.failuresOnly && a.search === b.search;
}
