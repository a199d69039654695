/**
 * Turns one order's trace events into rows of a sequence diagram: which lane each event sits
 * on, what glyph marks it, and a plain sentence describing it.
 */
import { SERVICES } from '../../sim/api';
import { FAULTS, REMEDIES } from '../../sim/catalog';
import type { Message, ServiceId, TraceEvent } from '../../sim/types';
import { fmtMoney, serviceName } from '../format';
import { stateLabel } from '../outcomes';
import { senderNode, type TraceIndex } from '../traceIndex';

/** The glyph drawn for a row. */
export type Glyph =
  | 'publish'
  | 'deliver'
  | 'drop'
  | 'absorbed'
  | 'buffered'
  | 'failed'
  | 'deadLettered'
  | 'crash'
  | 'state'
  | 'money'
  | 'stock'
  | 'email'
  | 'shipment'
  | 'reconcile'
  | 'request'
  | 'control';

/** One row of the diagram. */
export interface TraceRow {
  /** Index of the event in the trace: a stable key. */
  i: number;
  t: number;
  lane: ServiceId | null;
  glyph: Glyph;
  text: string;
  tone: 'bad' | 'good' | 'info' | 'muted';
  msg: Message | null;
  /** For deliveries: the lane the message came from and the row it was published on (-1 if not shown). */
  fromLane?: ServiceId;
  fromRow?: number;
  duplicate?: boolean;
}

/** Diagram lanes, left to right. */
export const LANES: ServiceId[] = SERVICES;

const WHY_ABSORBED: Record<string, string> = {
  dedup: 'already processed this message id',
  version: 'an older version than it already has',
  state: 'no longer applies to the order',
  idempotencyKey: 'same idempotency key as an earlier request',
};

function laneOf(msg: Message): ServiceId {
  const from = senderNode(msg);
  return from === 'dlq' ? 'order' : from;
}

function controlLabel(path: string): string {
  const [sec, key] = path.split('.');
  if (sec === 'faults') return FAULTS[key as keyof typeof FAULTS]?.label ?? path;
  return REMEDIES[key as keyof typeof REMEDIES]?.label ?? path;
}

function controlValue(path: string, v: number | boolean | string): string {
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (typeof v === 'string') return v;
  const key = path.split('.')[1] as keyof typeof FAULTS;
  return FAULTS[key]?.kind === 'probability' ? `${Math.round(v * 100)}%` : `${v} ms`;
}

/** Builds the rows of one order's trace (acks are folded away; control changes during the order are included). */
export function buildTraceRows(trace: readonly TraceEvent[], index: TraceIndex, orderId: string): TraceRow[] {
  const own = index.eventsOf(orderId);
  if (own.length === 0) return [];
  const firstT = trace[own[0]].t;
  const lastT = trace[own[own.length - 1]].t;
  const controls = index.controls.filter((i) => trace[i].t >= firstT && trace[i].t <= lastT);
  const all = [...own, ...controls].sort((a, b) => a - b);
  const rows: TraceRow[] = [];
  const publishRow = new Map<string, number>();
  for (const i of all) {
    const e = trace[i];
    const row = describe(e, index, publishRow, rows.length);
    if (row) rows.push({ ...row, i });
  }
  return rows;
}

function describe(e: TraceEvent, index: TraceIndex, publishRow: Map<string, number>, at: number): Omit<TraceRow, 'i'> | null {
  const msgOf = (id: string | null) => (id ? (index.messages.get(id) ?? null) : null);
  switch (e.kind) {
    case 'publish': {
      publishRow.set(e.msg.id, at);
      const lane = laneOf(e.msg);
      const who = e.msg.from === 'dlq' ? 'The DLQ' : e.msg.from === 'reconciler' ? 'The reconciler' : serviceName(lane);
      return {
        t: e.t,
        lane,
        glyph: 'publish',
        text: `${who} publishes ${e.msg.type}${e.via === 'outbox' ? ' (outbox)' : ''}`,
        tone: 'info',
        msg: e.msg,
      };
    }
    case 'drop':
      return { t: e.t, lane: laneOf(e.msg), glyph: 'drop', text: e.to ? `${e.msg.type}'s copy for ${e.to} was dropped by a what-if` : `${e.msg.type} was lost before the broker stored it`, tone: 'bad', msg: e.msg };
    case 'deliver': {
      const msg = msgOf(e.msgId);
      const note = e.duplicate ? ' (duplicate copy)' : e.attempt > 1 ? ` (attempt ${e.attempt})` : '';
      return {
        t: e.t,
        lane: e.to,
        glyph: 'deliver',
        text: `${serviceName(e.to)} gets ${msg?.type ?? e.msgId}${note}`,
        tone: e.duplicate ? 'bad' : 'info',
        msg,
        fromLane: msg ? laneOf(msg) : e.to,
        fromRow: publishRow.get(e.msgId) ?? -1,
        duplicate: e.duplicate || e.attempt > 1,
      };
    }
    case 'absorbed': {
      const msg = msgOf(e.msgId);
      return { t: e.t, lane: e.to, glyph: 'absorbed', text: `${serviceName(e.to)} ignores ${msg?.type ?? 'a repeat'}: ${WHY_ABSORBED[e.why] ?? e.why}`, tone: 'good', msg };
    }
    case 'buffered': {
      const msg = msgOf(e.msgId);
      return { t: e.t, lane: e.to, glyph: 'buffered', text: `${serviceName(e.to)} holds ${msg?.type ?? 'a message'} back until earlier ones arrive`, tone: 'good', msg };
    }
    case 'handlerFailed': {
      const msg = msgOf(e.msgId);
      const next = e.retryAt === null ? ', gives up on it' : `, tries again at ${e.retryAt.toFixed(0)} ms`;
      return { t: e.t, lane: e.to, glyph: 'failed', text: `${serviceName(e.to)} fails to handle ${msg?.type ?? 'a message'} (attempt ${e.attempt})${next}`, tone: 'bad', msg };
    }
    case 'deadLettered': {
      const msg = msgOf(e.msgId);
      return { t: e.t, lane: e.to, glyph: 'deadLettered', text: `${msg?.type ?? 'A message'} is parked in the dead-letter queue`, tone: 'bad', msg };
    }
    case 'crash': {
      const what = e.why === 'crashAfterCommit' ? 'after committing, before publishing' : 'after its work, before acking';
      const lost = e.lostPublishes.length ? `; ${e.lostPublishes.length} publish(es) lost` : '';
      return { t: e.t, lane: e.service, glyph: 'crash', text: `${serviceName(e.service)} crashes ${what}${lost}`, tone: 'bad', msg: msgOf(e.msgId) };
    }
    case 'state':
      return {
        t: e.t,
        lane: 'order',
        glyph: 'state',
        text: e.from ? `Order state: ${stateLabel(e.from)} → ${stateLabel(e.to)}` : `Order created: ${stateLabel(e.to)}`,
        tone: e.to === 'RequiresManualReview' ? 'bad' : 'muted',
        msg: null,
      };
    case 'charge':
      return {
        t: e.t,
        lane: 'payment',
        glyph: 'money',
        text: e.replayed
          ? `Provider sees key ${e.key} again and returns the first charge`
          : `Provider charges ${fmtMoney(e.amount)}${e.key ? ` (key ${e.key})` : ''}${e.replyLost ? ' — but its reply is lost' : ''}`,
        tone: e.replyLost ? 'bad' : e.replayed ? 'good' : 'info',
        msg: null,
      };
    case 'refund':
      return { t: e.t, lane: 'payment', glyph: 'money', text: `Provider refunds ${fmtMoney(e.amount)}`, tone: 'muted', msg: null };
    case 'stock':
      return {
        t: e.t,
        lane: 'inventory',
        glyph: 'stock',
        text: `Stock ${e.delta > 0 ? '+' : ''}${e.delta} → ${e.available} available (${e.why}, instance ${e.instance})`,
        tone: 'muted',
        msg: null,
      };
    case 'email':
      return { t: e.t, lane: 'notification', glyph: 'email', text: `Email to the customer: order ${e.template}`, tone: 'muted', msg: msgOf(e.msgId) };
    case 'shipment':
      return { t: e.t, lane: 'shipping', glyph: 'shipment', text: e.ok ? 'Parcel leaves the warehouse' : 'Shipment fails', tone: e.ok ? 'muted' : 'bad', msg: null };
    case 'reconcile':
      return { t: e.t, lane: 'order', glyph: 'reconcile', text: `Reconciler: ${e.action}`, tone: 'good', msg: null };
    case 'request':
      return {
        t: e.t,
        lane: 'customer',
        glyph: 'request',
        text: e.attempt > 1 ? `Customer sends the same request again (attempt ${e.attempt})` : 'Customer sends the order request',
        tone: e.attempt > 1 ? 'bad' : 'muted',
        msg: msgOf(e.msgId),
      };
    case 'control':
      return { t: e.t, lane: null, glyph: 'control', text: `${controlLabel(e.path)} set to ${controlValue(e.path, e.value)}`, tone: 'info', msg: null };
    default:
      return null;
  }
}
