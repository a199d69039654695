/**
 * The message bus: topics split into partitions, one consumer group per subscribing service,
 * at-least-once delivery with acks, redelivery after a consumer dies, and the bus-level faults
 * (drop, duplicate, reorder, latency, jitter). Each partition is a log delivered strictly in
 * order, one message at a time, to its consumer — so a message that keeps failing blocks the
 * messages behind it, as in a real partitioned log.
 */
import { CONSUMERS, PARTITIONS } from './api';
import type { Rng } from './prng';
import type { SimEvent } from './events';
import { Fifo } from './fifo';
import type { OutboxRow } from './runtime';
import type { Scheduler } from './scheduler';
import type { Faults, Message, Remedies, ServiceId, Topic, TraceEvent } from './types';

/** One copy of a message on its way to one consumer. */
export interface Delivery {
  msg: Message;
  group: ServiceId;
  partition: number;
  attempt: number;
  duplicate: boolean;
  /** When the broker stored it (or will). */
  storedAt: number;
  /** Handed to the consumer, which has not finished with it yet (what-ifs leave such a copy alone). */
  handed: boolean;
}

/** How a consumer finished with a delivery. A consumer that dies never calls back: see `abandon`. */
export type Outcome = 'ack' | 'fail';

/** What the bus needs from the engine (an object with methods, never closures: it is copied by checkpoints). */
export interface BusEnv {
  faults(): Faults;
  remedies(): Remedies;
  emit(e: TraceEvent): void;
  isUp(s: ServiceId): boolean;
  /** Hand a delivery to its consumer, which answers later or now with `Bus.complete`. */
  deliver(d: Delivery): void;
  /** A message was moved to the dead-letter queue. */
  deadLettered(d: Delivery): void;
  /** The outbox relay of `svc` hears the broker's ack for `row` (stored) or learns it was lost. */
  relayOutcome(svc: ServiceId, row: OutboxRow, stored: boolean): void;
  count(metric: 'published' | 'delivered' | 'dropped' | 'duplicated' | 'retries'): void;
}

/** One consumer group's queue on one partition. */
export interface PartitionQueue {
  topic: Topic;
  index: number;
  group: ServiceId;
  /** Stored copies waiting, head first (the head may be the one in hand). */
  queue: Fifo<Delivery>;
  busy: Delivery | null;
  /** A failed head waits until then before it is tried again. */
  blockedUntil: number;
  nextFreeAt: number;
}

/** A published message on its way to the broker. */
export interface InTransit {
  msg: Message;
  sentAt: number;
  storedAt: number;
  partition: number;
  reliable: boolean;
  /** The outbox row this publish came from: its relay hears when it is stored, or lost by a what-if. */
  relay: { svc: ServiceId; row: OutboxRow } | null;
  /** A what-if took it out of transit: the broker's scheduled store does nothing. */
  withdrawn: boolean;
  /** Extra copies per consumer group a what-if asked for. */
  extraCopies: number;
}

/** Time a consumer needs between two messages of one partition. */
const SERVICE_MS = 1;
/** Attempts before a failing message is given up on (dead-lettered or skipped). */
export const MAX_ATTEMPTS = 5;
/** Redelivery delay of a failed message when retries with backoff are off: a hot loop. */
const HOT_RETRY_MS = 10;

/** The broker. */
export class Bus {
  private readonly queues: PartitionQueue[] = [];
  /** Per topic, per partition: the queues of every consumer group (looked up on every store). */
  private readonly byPartition = new Map<Topic, PartitionQueue[][]>();
  private readonly byGroup = new Map<ServiceId, PartitionQueue[]>();
  /** Per topic, per partition: when the log last stored a message (a log keeps its order). */
  private readonly lastStored = new Map<Topic, number[]>();
  private readonly roundRobin = new Map<Topic, number>();
  /** Messages published but not yet stored by the broker. */
  readonly transit = new Map<string, InTransit>();
  readonly dlq: Message[] = [];

  constructor(
    private readonly sched: Scheduler,
    private readonly rng: Rng,
    private readonly env: BusEnv,
  ) {
    for (const topic of Object.keys(CONSUMERS) as Topic[]) {
      const parts: PartitionQueue[][] = Array.from({ length: PARTITIONS[topic] }, () => []);
      this.byPartition.set(topic, parts);
      this.lastStored.set(topic, new Array(PARTITIONS[topic]).fill(0));
      for (const group of CONSUMERS[topic]) {
        for (let index = 0; index < PARTITIONS[topic]; index++) {
          const q: PartitionQueue = { topic, index, group, queue: new Fifo(), busy: null, blockedUntil: 0, nextFreeAt: 0 };
          this.queues.push(q);
          parts[index].push(q);
          const list = this.byGroup.get(group) ?? [];
          list.push(q);
          this.byGroup.set(group, list);
        }
      }
    }
  }

  /**
   * Publishes a message. Returns when the broker will have stored it, or null if the publish
   * was lost (the publisher only finds out by not getting the broker's ack).
   */
  publish(msg: Message, via: 'direct' | 'outbox', reliable = false, relay: InTransit['relay'] = null): number | null {
    const f = this.env.faults();
    const now = this.sched.now;
    this.env.count('published');
    if (!reliable && this.rng.chance(f.drop)) {
      this.env.count('dropped');
      this.env.emit({ t: now, kind: 'drop', msg });
      return null;
    }
    const partition = this.partitionFor(msg);
    let transit = f.latencyMs + (f.jitterMs > 0 ? Math.floor(this.rng.float() * f.jitterMs) : 0);
    // A message held up in transit; a partition log still keeps its own order.
    if (!reliable && this.rng.chance(f.reorder)) transit += Math.round(this.rng.between(2, 8) * f.latencyMs);
    const log = this.lastStored.get(msg.topic)!;
    const storedAt = Math.max(now + transit, log[partition]);
    log[partition] = storedAt;
    const entry: InTransit = { msg, sentAt: now, storedAt, partition, reliable, relay, withdrawn: false, extraCopies: 0 };
    this.env.emit({ t: now, kind: 'publish', msg, partition, deliverAt: storedAt, via });
    this.send(entry);
    return storedAt;
  }

  /** Puts a message in transit, to be stored at its `storedAt` unless a what-if withdraws it. */
  send(entry: InTransit): void {
    this.transit.set(entry.msg.id, entry);
    this.sched.at(entry.storedAt, { kind: 'store', entry });
  }

  /** Runs one of the bus's own scheduled events. */
  run(ev: SimEvent): void {
    switch (ev.kind) {
      case 'store': {
        const entry = ev.entry;
        if (entry.withdrawn) return;
        this.store(entry.msg, entry.partition, entry.storedAt, entry.reliable, entry.extraCopies);
        if (entry.relay) this.env.relayOutcome(entry.relay.svc, entry.relay.row, true);
        return;
      }
      case 'deliver':
        this.deliverHead(ev.q, ev.d);
        return;
      case 'pump':
        this.pump(ev.q);
        return;
      case 'requeue':
        ev.q.queue.push(ev.d);
        this.pump(ev.q);
        return;
    }
  }

  /** Takes a message out of transit (for a what-if); its scheduled store then does nothing. */
  withdraw(id: string): InTransit | null {
    const entry = this.transit.get(id);
    if (!entry) return null;
    entry.withdrawn = true;
    this.transit.delete(id);
    return entry;
  }

  private partitionFor(msg: Message): number {
    const n = PARTITIONS[msg.topic];
    if (n === 1) return 0;
    if (this.env.remedies().ordering === 'partitionByKey') return hashKey(msg.key) % n;
    // Keyless producers spread load round-robin, so one order's messages land on different logs.
    const next = this.roundRobin.get(msg.topic) ?? 0;
    this.roundRobin.set(msg.topic, next + 1);
    return next % n;
  }

  private store(msg: Message, partition: number, storedAt: number, reliable: boolean, extraCopies: number): void {
    this.transit.delete(msg.id);
    const dup = reliable ? 0 : this.env.faults().duplicate;
    const queues = this.byPartition.get(msg.topic)![partition];
    for (let i = 0; i < queues.length; i++) {
      const q = queues[i];
      const group = q.group;
      q.queue.push({ msg, group, partition, attempt: 1, duplicate: false, storedAt, handed: false });
      if (this.rng.chance(dup)) {
        this.env.count('duplicated');
        q.queue.push({ msg, group, partition, attempt: 1, duplicate: true, storedAt, handed: false });
      }
      for (let c = 0; c < extraCopies; c++) {
        this.env.count('duplicated');
        q.queue.push({ msg, group, partition, attempt: 1, duplicate: true, storedAt, handed: false });
      }
      this.pump(q);
    }
  }

  /** Hands the head of a queue to its consumer when it can take it (also after a what-if). */
  pump(q: PartitionQueue): void {
    if (q.busy || q.queue.length === 0 || !this.env.isUp(q.group)) return;
    const now = this.sched.now;
    if (q.blockedUntil > now) return;
    const d = q.queue.at(0)!;
    q.busy = d;
    d.handed = false;
    this.sched.at(Math.max(now, q.nextFreeAt), { kind: 'deliver', q, d });
  }

  private deliverHead(q: PartitionQueue, d: Delivery): void {
    if (q.busy !== d) return;
    if (!this.env.isUp(q.group)) {
      q.busy = null;
      return;
    }
    d.handed = true;
    this.env.count('delivered');
    this.env.emit({
      t: this.sched.now,
      kind: 'deliver',
      msgId: d.msg.id,
      orderId: d.msg.orderId,
      topic: d.msg.topic,
      to: q.group,
      attempt: d.attempt,
      duplicate: d.duplicate,
      partition: q.index,
    });
    this.env.deliver(d);
  }

  /**
   * The consumer finished with a delivery it was handed. Ignored unless the copy is still its
   * queue's one in hand (after a crash the bus took it back, and it answers at most once).
   */
  complete(d: Delivery, outcome: Outcome): void {
    const q = this.queueOf(d.msg.topic, d.partition, d.group);
    if (!q || q.busy !== d || !d.handed) return;
    d.handed = false;
    this.finish(q, d, outcome);
  }

  private finish(q: PartitionQueue, d: Delivery, outcome: Outcome): void {
    const now = this.sched.now;
    if (outcome === 'ack') {
      this.env.emit({ t: now, kind: 'ack', msgId: d.msg.id, to: q.group });
      q.queue.shift();
      q.busy = null;
      q.nextFreeAt = now + SERVICE_MS;
      this.pump(q);
      return;
    }
    // The handler failed.
    const r = this.env.remedies();
    const attempts = d.attempt;
    q.busy = null;
    if (attempts >= MAX_ATTEMPTS && (r.retries || r.deadLetterQueue)) {
      q.queue.shift();
      if (r.deadLetterQueue) {
        this.dlq.push(d.msg);
        this.env.emit({ t: now, kind: 'deadLettered', msgId: d.msg.id, to: q.group, orderId: d.msg.orderId });
        this.env.deadLettered(d);
      } else {
        // Bounded retries without a DLQ: the message is skipped and silently gone.
        this.env.emit({ t: now, kind: 'handlerFailed', msgId: d.msg.id, to: q.group, attempt: attempts, retryAt: null });
      }
      this.pump(q);
      return;
    }
    const delay = r.retries ? backoff(attempts, this.rng) : HOT_RETRY_MS;
    const retryAt = now + delay;
    this.env.count('retries');
    this.env.emit({ t: now, kind: 'handlerFailed', msgId: d.msg.id, to: q.group, attempt: attempts, retryAt });
    d.attempt++;
    q.blockedUntil = retryAt;
    this.sched.at(retryAt, { kind: 'pump', q });
  }

  /** The consumer died: whatever it was handling is left unacked, to be redelivered. */
  abandon(group: ServiceId): void {
    for (const q of this.byGroup.get(group) ?? []) {
      if (q.busy) {
        q.busy.attempt++;
        q.busy.handed = false;
        q.busy = null;
      }
    }
  }

  /** The consumer is back: resume every partition it reads. */
  resume(group: ServiceId): void {
    for (const q of this.byGroup.get(group) ?? []) this.pump(q);
  }

  /** True while the queue's head has been handed to its consumer, which has not finished with it. */
  inHand(q: PartitionQueue): boolean {
    return q.busy !== null && q.busy === q.queue.at(0) && q.busy.handed;
  }

  /** The queue of one consumer group on one partition of a topic, if that group reads the topic. */
  queueOf(topic: Topic, partition: number, group: ServiceId): PartitionQueue | null {
    const queues = this.byPartition.get(topic)?.[partition];
    if (queues) for (let i = 0; i < queues.length; i++) if (queues[i].group === group) return queues[i];
    return null;
  }

  /** Stored, undelivered copies per partition, for the view and the metrics. */
  partitions(): { topic: Topic; index: number; group: ServiceId; depth: number; busy: Delivery | null; queue: Fifo<Delivery> }[] {
    const out = [];
    for (const q of this.queues) out.push({ topic: q.topic, index: q.index, group: q.group, depth: q.queue.length, busy: q.busy, queue: q.queue });
    return out;
  }
}

/** Exponential backoff with jitter: 50 ms, 100 ms, 200 ms… capped at 2 s, each scaled by 0.5–1. */
export function backoff(attempt: number, rng: Rng): number {
  const base = Math.min(2000, 50 * (1 << Math.min(attempt - 1, 10)));
  return Math.max(1, Math.round(base * rng.between(0.5, 1)));
}

/** Stable string hash for partitioning by key. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
