/**
 * An incremental index over a simulation's append-only trace: messages by id, deliveries,
 * each order's events and the short-lived marks the topology flashes. `sync` only reads
 * events it has not seen, so calling it every frame costs O(new events).
 *
 * `truncate(n)` cuts it back to the first n events, so a rewind to a checkpoint reuses the index
 * instead of rebuilding it from the start (runs of one scenario share their trace's prefix). To
 * make that cheap every list only ever grows at its end, in trace order, and every map write is
 * logged with the event that made it: truncating pops what events from n on added.
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
  /** The event index behind each mark. */
  private readonly markAt: number[] = [];
  /** Events of each order found by its id, in trace order. */
  private readonly own = new Map<string, number[]>();
  /** Events of a customer request (before any order had its id), in trace order. */
  private readonly requestEvents = new Map<string, number[]>();
  private readonly requestOrders = new Map<string, Set<string>>();
  private readonly orderRequests = new Map<string, string[]>();
  /** `eventsOf` answers, kept while the lists behind them have not changed length. */
  private readonly merged = new Map<string, { sizes: number[]; list: number[] }>();
  /** Every list that was appended to (event indices, deliveries), once per append, in order, with the event that appended. */
  private readonly pushLog: unknown[][] = [];
  private readonly pushAt: number[] = [];
  /** Map writes: the event index, the map, the key and the value it replaced. */
  private readonly setAt: number[] = [];
  private readonly setMap: Map<string, unknown>[] = [];
  private readonly setKey: string[] = [];
  private readonly setPrev: unknown[] = [];
  /** Links of orders to requests, with the number of events seen when each was made. */
  private readonly linkAt: number[] = [];
  private readonly linkKey: [string, string][] = [];
  /** Index of the event being added (links made while adding it belong to it). */
  private adding = -1;

  /** Number of trace events indexed so far. */
  get size(): number {
    return this.seen;
  }

  /** Indexes events appended since the last call. */
  sync(trace: readonly TraceEvent[]): void {
    for (let i = this.seen; i < trace.length; i++) {
      this.adding = i;
      this.add(trace[i], i);
    }
    this.adding = -1;
    this.seen = trace.length;
  }

  /**
   * Forgets every event from index `n` on, as if only the first `n` had been synced. Costs
   * O(what those events added). The caller syncs on from the run that continues (whose trace
   * must start with the same `n` events).
   */
  truncate(n: number): void {
    if (n >= this.seen) return;
    while (this.pushAt.length > 0 && this.pushAt[this.pushAt.length - 1] >= n) {
      this.pushAt.pop();
      (this.pushLog.pop() as unknown[]).pop();
    }
    while (this.markAt.length > 0 && this.markAt[this.markAt.length - 1] >= n) {
      this.markAt.pop();
      this.marks.pop();
    }
    while (this.setAt.length > 0 && this.setAt[this.setAt.length - 1] >= n) {
      this.setAt.pop();
      const map = this.setMap.pop() as Map<string, unknown>;
      const key = this.setKey.pop() as string;
      const prev = this.setPrev.pop();
      if (prev === undefined) map.delete(key);
      else map.set(key, prev);
    }
    // A link made after n events were seen (by an event from n on, or by a view at a later playhead).
    while (this.linkAt.length > 0 && this.linkAt[this.linkAt.length - 1] > n) {
      this.linkAt.pop();
      const [orderId, requestId] = this.linkKey.pop() as [string, string];
      this.requestOrders.get(requestId)?.delete(orderId);
      const reqs = this.orderRequests.get(orderId);
      reqs?.splice(reqs.lastIndexOf(requestId), 1);
    }
    this.seen = n;
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
    let reqs = this.orderRequests.get(orderId);
    if (!reqs) {
      reqs = [];
      this.orderRequests.set(orderId, reqs);
    }
    reqs.push(requestId);
    this.linkAt.push(this.adding >= 0 ? this.adding + 1 : this.seen);
    this.linkKey.push([orderId, requestId]);
  }

  /** Trace indices of everything that concerns an order, in trace order (its own events and its request's). */
  eventsOf(orderId: string): number[] {
    const own = this.own.get(orderId) ?? [];
    const lists = [own, ...(this.orderRequests.get(orderId) ?? []).map((r) => this.requestEvents.get(r) ?? [])];
    // Lists only grow or shrink at their ends, so their lengths say whether the answer changed.
    const sizes = lists.map((l) => l.length);
    const cached = this.merged.get(orderId);
    if (cached && cached.sizes.length === sizes.length && cached.sizes.every((n, k) => n === sizes[k])) return cached.list;
    const all = lists.flat().sort((a, b) => a - b);
    // A request-level event can reach an order twice (by link and by id); keep each once.
    const list = all.filter((x, k) => k === 0 || all[k - 1] !== x);
    this.merged.set(orderId, { sizes, list });
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

  private pushTo<K>(map: Map<K, number[]>, key: K, i: number): void {
    let list = map.get(key);
    if (!list) {
      list = [];
      map.set(key, list);
    }
    this.append(list, i, i);
  }

  private push(orderId: string, i: number): void {
    this.pushTo(this.own, orderId, i);
  }

  /** Appends `item` to `list` for event `i` and logs it, so `truncate` pops it again. */
  private append<T>(list: T[], item: T, i: number): void {
    list.push(item);
    this.pushLog.push(list);
    this.pushAt.push(i);
  }

  /** Sets a map entry and logs what it replaced, so `truncate` can put it back. */
  private setLogged<V>(map: Map<string, V>, key: string, value: V, i: number): void {
    this.logSet(map, key, map.get(key), i);
    map.set(key, value);
  }

  /** Sets a map entry the caller knows is absent: no lookup of what it replaces. */
  private setNew<V>(map: Map<string, V>, key: string, value: V, i: number): void {
    this.logSet(map, key, undefined, i);
    map.set(key, value);
  }

  private logSet<V>(map: Map<string, V>, key: string, prev: V | undefined, i: number): void {
    this.setAt.push(i);
    this.setMap.push(map as Map<string, unknown>);
    this.setKey.push(key);
    this.setPrev.push(prev);
  }

  /** Logs a message the first time the trace mentions it. */
  private addMessage(msg: Message, i: number): void {
    if (!this.messages.has(msg.id)) this.setNew(this.messages, msg.id, msg, i);
  }

  /**
   * Files an event under its message's order (or request). `link`: the event that first brings the
   * message (publish, drop) links its order to its request; later events of a message found in
   * `messages` need not, as that link lasts as long as the event that put the message there.
   */
  private attach(msg: Message | undefined, i: number, link = false): void {
    if (!msg) return;
    if (msg.orderId) {
      this.push(msg.orderId, i);
      if (link) this.linkOrder(msg.orderId, msg.requestId);
      return;
    }
    this.pushTo(this.requestEvents, msg.requestId, i);
  }

  private mark(t: number, kind: MarkKind, node: TopologyNodeId, msgId: string | null, orderId: string | null, onPublishLeg = false): void {
    this.marks.push({ t, kind, node, onPublishLeg, msgId, orderId });
    this.markAt.push(this.adding);
  }

  private add(e: TraceEvent, i: number): void {
    switch (e.kind) {
      case 'publish':
        this.addMessage(e.msg, i);
        this.setLogged(this.published, e.msg.id, { t: e.t, partition: e.partition, via: e.via, deliverAt: e.deliverAt, dropped: false }, i);
        this.attach(e.msg, i, true);
        return;
      case 'drop': {
        this.addMessage(e.msg, i);
        if (!this.published.has(e.msg.id)) this.setNew(this.published, e.msg.id, { t: e.t, partition: -1, via: 'direct', deliverAt: e.t, dropped: true }, i);
        this.attach(e.msg, i, true);
        const from = senderNode(e.msg);
        this.mark(e.t, 'drop', from, e.msg.id, e.msg.orderId, from !== 'dlq');
        return;
      }
      case 'deliver': {
        const d: Delivery = { t: e.t, to: e.to, attempt: e.attempt, duplicate: e.duplicate, partition: e.partition };
        // Appended in place (a list only grows at its end, in trace order) and logged, so truncating
        // pops it again; copying the list per delivery cost an array and two map operations.
        const list = this.deliveries.get(e.msgId);
        if (list) this.append(list, d, i);
        else this.setNew(this.deliveries, e.msgId, [d], i);
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
        this.append(this.controls, i, i);
        return;
      case 'request':
        this.pushTo(this.requestEvents, e.requestId, i);
        return;
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
