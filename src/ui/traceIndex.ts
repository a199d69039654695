/**
 * An incremental index over a simulation's append-only trace: messages by id, deliveries,
 * each order's events and the short-lived marks the topology flashes. `sync` only reads
 * events it has not seen, so calling it every frame costs O(new events).
 */
import { PRODUCERS } from '../sim/api';
import type { Message, ServiceId, TraceEvent } from '../sim/types';
import type { TopologyNodeId } from './topology/layout';

/** Kinds of visual marks flashed on the topology. */
export type MarkKind =
  | 'drop'
  | 'duplicate'
  | 'redelivery'
  | 'crash'
  | 'restart'
  | 'absorbed'
  | 'buffered'
  | 'failed'
  | 'deadLettered'
  | 'charge'
  | 'refund'
  | 'replyLost'
  | 'reconciled';

/** A flash on a node (or on the publish leg of a service, for drops). */
export interface Mark {
  t: number;
  kind: MarkKind;
  node: TopologyNodeId;
  /** Drawn halfway along this service's publish leg rather than on the node. */
  onPublishLeg: boolean;
  msgId: string | null;
  orderId: string | null;
}

/** One delivery attempt of a message. */
export interface Delivery {
  t: number;
  to: ServiceId;
  attempt: number;
  duplicate: boolean;
  partition: number;
}

/** Publish facts of a message. */
export interface PublishInfo {
  t: number;
  partition: number;
  via: 'direct' | 'outbox';
  deliverAt: number;
  dropped: boolean;
}

/** Labels of marks, short enough for a badge. */
export const MARK_LABEL: Record<MarkKind, string> = {
  drop: 'dropped',
  duplicate: 'duplicate',
  redelivery: 'redelivered',
  crash: 'crash',
  restart: 'restarted',
  absorbed: 'absorbed',
  buffered: 'buffered',
  failed: 'handler failed',
  deadLettered: 'dead-lettered',
  charge: 'charged',
  refund: 'refunded',
  replyLost: 'reply lost',
  reconciled: 'reconciled',
};

/** Whether a mark is bad news (red), healing (green) or neutral. */
export const MARK_TONE: Record<MarkKind, 'bad' | 'good' | 'info'> = {
  drop: 'bad',
  duplicate: 'bad',
  redelivery: 'info',
  crash: 'bad',
  restart: 'info',
  absorbed: 'good',
  buffered: 'good',
  failed: 'bad',
  deadLettered: 'bad',
  charge: 'info',
  refund: 'info',
  replyLost: 'bad',
  reconciled: 'good',
};

/** See the module comment. */
export class TraceIndex {
  private seen = 0;
  readonly messages = new Map<string, Message>();
  readonly published = new Map<string, PublishInfo>();
  readonly deliveries = new Map<string, Delivery[]>();
  readonly marks: Mark[] = [];
  /** Indices of control events (shown across every order's trace). */
  readonly controls: number[] = [];
  private readonly byOrder = new Map<string, number[]>();
  private readonly sorted = new Set<string>();
  private readonly requestEvents = new Map<string, number[]>();
  private readonly requestOrders = new Map<string, Set<string>>();

  /** Number of trace events indexed so far. */
  get size(): number {
    return this.seen;
  }

  /** Indexes events appended since the last call. */
  sync(trace: readonly TraceEvent[]): void {
    for (let i = this.seen; i < trace.length; i++) this.add(trace[i], i);
    this.seen = trace.length;
  }

  /** Links an order to its customer request (from `EngineView.orders`). */
  linkOrder(orderId: string, requestId: string): void {
    let set = this.requestOrders.get(requestId);
    if (!set) {
      set = new Set();
      this.requestOrders.set(requestId, set);
    }
    if (set.has(orderId)) return;
    set.add(orderId);
    for (const i of this.requestEvents.get(requestId) ?? []) this.push(orderId, i);
  }

  /** Trace indices of everything that concerns an order, in trace order. */
  eventsOf(orderId: string): number[] {
    const list = this.byOrder.get(orderId) ?? [];
    if (!this.sorted.has(orderId)) {
      list.sort((a, b) => a - b);
      // Request-level events can be attached twice (by link and by id); keep each once.
      for (let i = list.length - 1; i > 0; i--) if (list[i] === list[i - 1]) list.splice(i, 1);
      this.sorted.add(orderId);
    }
    return list;
  }

  /** The orders a message is about (several when one request created duplicate orders). */
  ordersOf(msg: Message): string[] {
    if (msg.orderId) return [msg.orderId];
    return [...(this.requestOrders.get(msg.requestId) ?? [])];
  }

  /** Marks with time in [from, to]. */
  marksBetween(from: number, to: number): Mark[] {
    const out: Mark[] = [];
    // Marks are appended in time order; walk back from the end until older than `from`.
    for (let i = this.marks.length - 1; i >= 0; i--) {
      const m = this.marks[i];
      if (m.t < from) break;
      if (m.t <= to) out.push(m);
    }
    return out;
  }

  private push(orderId: string, i: number): void {
    let list = this.byOrder.get(orderId);
    if (!list) {
      list = [];
      this.byOrder.set(orderId, list);
    }
    list.push(i);
    this.sorted.delete(orderId);
  }

  private attach(msg: Message | undefined, i: number): void {
    if (!msg) return;
    if (msg.orderId) {
      this.push(msg.orderId, i);
      this.linkOrder(msg.orderId, msg.requestId);
      return;
    }
    let list = this.requestEvents.get(msg.requestId);
    if (!list) {
      list = [];
      this.requestEvents.set(msg.requestId, list);
    }
    list.push(i);
    for (const o of this.requestOrders.get(msg.requestId) ?? []) this.push(o, i);
  }

  private mark(t: number, kind: MarkKind, node: TopologyNodeId, msgId: string | null, orderId: string | null, onPublishLeg = false): void {
    this.marks.push({ t, kind, node, onPublishLeg, msgId, orderId });
  }

  private add(e: TraceEvent, i: number): void {
    switch (e.kind) {
      case 'publish':
        this.messages.set(e.msg.id, e.msg);
        this.published.set(e.msg.id, { t: e.t, partition: e.partition, via: e.via, deliverAt: e.deliverAt, dropped: false });
        this.attach(e.msg, i);
        return;
      case 'drop': {
        this.messages.set(e.msg.id, e.msg);
        if (!this.published.has(e.msg.id)) this.published.set(e.msg.id, { t: e.t, partition: -1, via: 'direct', deliverAt: e.t, dropped: true });
        this.attach(e.msg, i);
        const from = senderNode(e.msg);
        this.mark(e.t, 'drop', from, e.msg.id, e.msg.orderId, from !== 'dlq');
        return;
      }
      case 'deliver': {
        const list = this.deliveries.get(e.msgId) ?? [];
        list.push({ t: e.t, to: e.to, attempt: e.attempt, duplicate: e.duplicate, partition: e.partition });
        this.deliveries.set(e.msgId, list);
        const msg = this.messages.get(e.msgId);
        this.attach(msg, i);
        if (e.duplicate) this.mark(e.t, 'duplicate', e.to, e.msgId, msg?.orderId ?? null);
        else if (e.attempt > 1) this.mark(e.t, 'redelivery', e.to, e.msgId, msg?.orderId ?? null);
        return;
      }
      case 'ack':
        this.attach(this.messages.get(e.msgId), i);
        return;
      case 'absorbed':
      case 'buffered': {
        const msg = this.messages.get(e.msgId);
        this.attach(msg, i);
        this.mark(e.t, e.kind, e.to, e.msgId, msg?.orderId ?? null);
        return;
      }
      case 'handlerFailed': {
        const msg = this.messages.get(e.msgId);
        this.attach(msg, i);
        this.mark(e.t, 'failed', e.to, e.msgId, msg?.orderId ?? null);
        return;
      }
      case 'deadLettered': {
        const msg = this.messages.get(e.msgId);
        if (e.orderId) this.push(e.orderId, i);
        else this.attach(msg, i);
        this.mark(e.t, 'deadLettered', 'dlq', e.msgId, e.orderId);
        return;
      }
      case 'crash': {
        const msg = e.msgId ? this.messages.get(e.msgId) : undefined;
        this.attach(msg, i);
        this.mark(e.t, 'crash', e.service, e.msgId, msg?.orderId ?? null);
        return;
      }
      case 'restart':
        this.mark(e.t, 'restart', e.service, null, null);
        return;
      case 'charge':
        this.push(e.orderId, i);
        this.mark(e.t, e.replyLost ? 'replyLost' : 'charge', 'provider', null, e.orderId);
        return;
      case 'refund':
        this.push(e.orderId, i);
        this.mark(e.t, 'refund', 'provider', null, e.orderId);
        return;
      case 'reconcile':
        if (e.orderId) this.push(e.orderId, i);
        this.mark(e.t, 'reconciled', 'order', null, e.orderId);
        return;
      case 'state':
      case 'stock':
      case 'email':
      case 'shipment':
        this.push(e.orderId, i);
        return;
      case 'control':
        this.controls.push(i);
        return;
      case 'request': {
        let list = this.requestEvents.get(e.requestId);
        if (!list) {
          list = [];
          this.requestEvents.set(e.requestId, list);
        }
        list.push(i);
        for (const o of this.requestOrders.get(e.requestId) ?? []) this.push(o, i);
        return;
      }
    }
  }
}

/** The topology node a message leaves from. Relay and reconciler publish on behalf of a service. */
export function senderNode(msg: Message): ServiceId | 'dlq' {
  if (msg.from === 'dlq') return 'dlq';
  if (msg.from === 'relay' || msg.from === 'reconciler') return producerOf(msg);
  return msg.from;
}

function producerOf(msg: Message): ServiceId {
  return PRODUCERS[msg.topic] ?? 'order';
}
