/**
 * What every service shares: its XState process machine, a local database with atomic
 * transactions, the processed-message table (idempotent consumer), per-key version tracking
 * with a buffer (versioned ordering), the transactional outbox and its relay, Lamport and
 * wall clocks, and crash/restart. Service-specific logic lives in ./services.
 */
import type { Bus, Delivery, Outcome } from './bus';
import { start, step } from './machines/pure';
import { type ServiceSnapshot, serviceMachine } from './machines/serviceMachine';
import type { Rng } from './prng';
import type { Scheduler } from './scheduler';
import type { Faults, Healed, Message, MessageType, Remedies, ServiceId, Topic, TraceEvent } from './types';

let firstProcess: ServiceSnapshot | null = null;

/** Every process starts up; snapshots are immutable, so all services share the first one. */
function initialProcess(): ServiceSnapshot {
  firstProcess ??= start(serviceMachine, undefined as never).snapshot;
  return firstProcess;
}

/** How long a crashed service stays down. */
export const RESTART_MS = 300;
/** How long the outbox relay waits for the broker's ack before publishing a row again. */
export const RELAY_RETRY_MS = 120;

/**
 * Everything a service can reach outside itself. The engine implements it as an object with
 * methods (no closures), so a checkpoint can copy a service together with its world.
 */
export interface World {
  readonly sched: Scheduler;
  readonly bus: Bus;
  readonly rng: Rng;
  faults(): Faults;
  remedies(): Remedies;
  emit(e: TraceEvent): void;
  readonly healed: Healed;
  nextMessageId(): string;
  count(metric: 'crashes' | 'retries' | 'emails'): void;
  /** Messages that were built but never published (lost in a crash), kept for the detectors. */
  remember(msgs: Message[]): void;
  /** True (once) if a what-if asked this service to crash at this point of handling `msgId`. */
  whatIfCrash(service: ServiceId, msgId: string | null, when: 'crashAfterCommit' | 'crashBeforeAck'): boolean;
}

/** A timer event a service schedules for itself: plain data, dispatched to `onTimer`. */
export interface ServiceTimer {
  type: string;
  [field: string]: string | number | boolean | null;
}

/** A message a transaction wants to send once it commits. */
export interface Outgoing {
  topic: Topic;
  type: MessageType;
  key: string;
  orderId: string | null;
  requestId: string;
  payload: Message['payload'];
  poison?: boolean;
  /** Re-send an existing message as it is (same id and sequence number). */
  resend?: Message;
  /** A retransmission of the same logical message: new id, same sequence number. */
  seq?: number;
}

/** One local transaction: writes happen in place; messages are sent only if it commits. */
export interface Tx {
  send: (o: Outgoing) => Message;
  /** Messages queued so far in this transaction. */
  readonly messages: readonly Message[];
}

/**
 * Result of a handler: done now, failed (poison), or finishing later in a second step — named by
 * plain data `next`, handed to the service's `finishLater` after `laterMs`.
 */
export type HandlerResult = undefined | 'fail' | { laterMs: number; next: ServiceTimer };

/** A message handler of a service. */
export type Handler = (msg: Message, tx: Tx, d: Delivery) => HandlerResult;

/** One row of a service's outbox table. */
export interface OutboxRow {
  msg: Message;
  state: 'pending' | 'inflight';
}

/** Where a delivery being handled came from: the broker, or this service's own version buffer. */
export type Origin = 'bus' | 'buffer';

/** A delivery's handling waiting for its second step (plain data: it sits in the event heap). */
export interface PendingWork {
  d: Delivery;
  origin: Origin;
  vkey: string;
  /** The first step's transaction (its queued messages). */
  tx: TxImpl;
  /** The incarnation that began it: void if the process died in between. */
  epoch: number;
  next: ServiceTimer;
}

/** Base of every service. */
export abstract class ServiceRuntime {
  /** The process machine's snapshot (immutable; replaced on every transition). */
  process: ServiceSnapshot;
  lamport = 0;
  /** This process's incarnation; work scheduled by an earlier one is void after a crash. */
  epoch = 0;
  readonly processed = new Set<string>();
  private readonly versions = new Map<string, number>();
  private readonly buffers = new Map<string, Map<number, Delivery>>();
  private readonly seqs = new Map<string, number>();
  readonly outbox: OutboxRow[] = [];
  /** The last reply this service sent per order, so reconciliation can ask for it again. */
  readonly lastReply = new Map<string, Message>();
  /** Messages being handled right now (delivered, not yet acked). */
  readonly handling = new Set<string>();

  constructor(
    readonly id: ServiceId,
    protected readonly w: World,
    readonly skewMs: number,
  ) {
    this.process = initialProcess();
  }

  /** Mirrors the machine's state after every transition, because the bus asks on every delivery. */
  private alive = true;

  /** True while the process is up (the service machine is in `up`). */
  get up(): boolean {
    return this.alive;
  }

  /** Handles one delivered message inside transaction `tx` (undefined for types it ignores). */
  abstract handle(msg: Message, tx: Tx, d: Delivery): HandlerResult;

  /** The second step of a two-step handler that returned `{ laterMs, next }`. */
  protected finishLater(_next: ServiceTimer, _tx: Tx, _msg: Message): void {}

  /** Moves the process machine and runs the work it asked for. */
  private moveProcess(ev: Parameters<typeof step<typeof serviceMachine>>[2], d: Delivery | null, origin: Origin): void {
    const r = step(serviceMachine, this.process, ev);
    this.process = r.snapshot;
    this.alive = r.snapshot.value === 'up';
    for (const c of r.commands) {
      if (c.type === 'runWork' && d) this.accept(d, origin);
      // Recovery runs as the next event at the same instant, as it always has.
      else if (c.type === 'recover') this.w.sched.after(0, { kind: 'recover', svc: this.id });
    }
  }

  /**
   * How this clock drifts, when clock skew is on: it resyncs every `RESYNC_MS`, and each sync lands
   * on a fresh error within ±`maxMs` (an NTP step can move a clock backwards). Set by the engine.
   */
  clockResync: { maxMs: number; salt: number } | null = null;

  /** How far this service's clock is off right now (`skewMs` until its first resync). */
  clockOffset(): number {
    const r = this.clockResync;
    if (r === null) return this.skewMs;
    const epoch = Math.floor(this.w.sched.now / RESYNC_MS);
    // A pure function of (salt, epoch): no random draws, so nothing else in the run shifts.
    return epoch === 0 ? this.skewMs : Math.round(unitHash(r.salt, epoch) * r.maxMs);
  }

  /** The local wall clock: virtual time plus this service's current clock error. */
  wallClock(): number {
    return this.w.sched.now + this.clockOffset();
  }

  /** Key figures for the topology node. */
  abstract figures(): Record<string, number>;

  /** Called by the bus; runs inside the service machine's `up` state. */
  receive(d: Delivery): void {
    this.moveProcess({ type: 'DELIVER' }, d, 'bus');
  }

  /** Tells whoever handed the delivery over how it ended: the broker, or the version buffer. */
  private done(d: Delivery, origin: Origin, outcome: Outcome): void {
    if (origin === 'bus') this.w.bus.complete(d, outcome);
    // A buffered message leaves the buffer table once handled, whatever the outcome; a crash never
    // gets here, so it stays parked for the next incarnation.
    else this.buffers.get(`${d.msg.topic}|${d.msg.key}`)?.delete(d.msg.seq);
  }

  private accept(d: Delivery, origin: Origin): void {
    const msg = d.msg;
    const r = this.w.remedies();
    const now = this.w.sched.now;
    this.lamport = Math.max(this.lamport, msg.lamport) + 1;
    if (msg.poison) {
      this.done(d, origin, 'fail');
      return;
    }
    if (r.idempotentConsumer && this.processed.has(msg.id)) {
      this.absorb(msg, 'dedup');
      this.done(d, origin, 'ack');
      return;
    }
    const vkey = `${msg.topic}|${msg.key}`;
    if (r.ordering === 'versioned') {
      const last = this.versions.get(vkey) ?? 0;
      if (msg.seq <= last) {
        this.absorb(msg, 'version');
        this.done(d, origin, 'ack');
        return;
      }
      if (msg.seq > last + 1) {
        // Too early: park it in the local buffer table until the gap is filled.
        let buf = this.buffers.get(vkey);
        if (!buf) {
          buf = new Map();
          this.buffers.set(vkey, buf);
        }
        if (!buf.has(msg.seq)) {
          buf.set(msg.seq, d);
          this.w.healed.buffered++;
          this.w.emit({ t: now, kind: 'buffered', msgId: msg.id, to: this.id });
        }
        this.done(d, origin, 'ack');
        return;
      }
    }
    this.handling.add(msg.id);
    this.runHandler(d, origin, vkey);
  }

  private runHandler(d: Delivery, origin: Origin, vkey: string): void {
    const tx = this.begin();
    const result = this.handle(d.msg, tx, d);
    if (result === 'fail') {
      this.handling.delete(d.msg.id);
      tx.abort();
      this.done(d, origin, 'fail');
      return;
    }
    if (result && typeof result === 'object') {
      const work: PendingWork = { d, origin, vkey, tx, epoch: this.epoch, next: result.next };
      this.w.sched.after(result.laterMs, { kind: 'resume', svc: this.id, work });
      return;
    }
    this.commit(tx, d, origin, vkey);
  }

  /** Runs the second step of a two-step handler (scheduled by `runHandler`). */
  resume(work: PendingWork): void {
    if (this.epoch !== work.epoch) return; // died in between: the bus redelivers
    const tx2 = this.begin();
    tx2.carry(work.tx);
    this.finishLater(work.next, tx2, work.d.msg);
    this.commit(tx2, work.d, work.origin, work.vkey);
  }

  /** Commits a delivery's transaction, then publishes and acks — unless a crash fault strikes. */
  private commit(tx: TxImpl, d: Delivery, origin: Origin, vkey: string): void {
    const r = this.w.remedies();
    const msg = d.msg;
    if (r.idempotentConsumer) this.processed.add(msg.id);
    // Versions are tracked even while ordering is off, so switching it on mid-run starts right.
    this.versions.set(vkey, Math.max(msg.seq, this.versions.get(vkey) ?? 0));
    this.handling.delete(msg.id);
    if (!this.finishCommit(tx, msg.id)) return;
    this.done(d, origin, 'ack');
    this.drainBuffer(vkey);
  }

  /**
   * The shared tail of every commit: the outbox rows are part of the transaction; direct
   * publishes happen after it. Returns false if the service crashed (and so did not ack).
   */
  protected finishCommit(tx: TxImpl, msgId: string | null): boolean {
    const f = this.w.faults();
    const r = this.w.remedies();
    const canCrash = this.id !== 'customer';
    const out = tx.messages;
    if (r.outbox) for (const m of out) this.outbox.push({ msg: m, state: 'pending' });
    // The random draw is made whether or not a what-if forces the crash, so the stream stays put.
    const forced = this.w.whatIfCrash(this.id, msgId, 'crashAfterCommit');
    if (canCrash && (this.w.rng.chance(f.crashAfterCommit) || forced)) {
      if (!r.outbox) this.w.remember(out);
      this.crash('crashAfterCommit', msgId, r.outbox ? [] : out.map((m) => m.id));
      return false;
    }
    if (r.outbox) this.relay();
    else for (const m of out) this.w.bus.publish(m, 'direct');
    const forcedBeforeAck = this.w.whatIfCrash(this.id, msgId, 'crashBeforeAck');
    if (canCrash && msgId !== null && (this.w.rng.chance(f.crashBeforeAck) || forcedBeforeAck)) {
      this.crash('crashBeforeAck', msgId, []);
      return false;
    }
    return true;
  }

  /** Runs work that isn't a delivery (a timer, a provider reply) as one local transaction. */
  protected local(work: (tx: Tx) => void): boolean {
    if (!this.up) return false;
    const tx = this.begin();
    work(tx);
    return this.finishCommit(tx, null);
  }

  private drainBuffer(vkey: string): void {
    const buf = this.buffers.get(vkey);
    if (!buf || buf.size === 0 || !this.up) return;
    const last = this.versions.get(vkey) ?? 0;
    // A crash between a buffered message's commit and its callback leaves a row that was
    // already handled (its version is recorded): clear it, or it would look parked forever.
    for (const seq of buf.keys()) if (seq <= last) buf.delete(seq);
    const next = last + 1;
    const d = buf.get(next);
    if (!d) return;
    // The buffered message was acked when parked; it leaves the buffer table only once handled
    // (a crash never calls back, so it stays parked for the next incarnation).
    this.accept(d, 'buffer');
  }

  /** Messages parked in the version buffer, waiting for an earlier one (read by the invariant checker). */
  parked(): Message[] {
    const out: Message[] = [];
    // A row at or below the key's version was already applied (a crash kept its buffer row).
    for (const [vkey, buf] of this.buffers) for (const d of buf.values()) if (d.msg.seq > (this.versions.get(vkey) ?? 0)) out.push(d.msg);
    return out;
  }

  /** Publishes every pending outbox row; rows leave the outbox when the broker acks them. */
  protected relay(): void {
    if (!this.up) return;
    for (const row of this.outbox) {
      if (row.state !== 'pending') continue;
      this.publishRow(row, false);
    }
  }

  private publishRow(row: OutboxRow, retry: boolean): void {
    row.state = 'inflight';
    if (retry) this.w.healed.republished++;
    // The broker's ack removes the row; without an ack, the relay tries again.
    // A publish lost on the way (now, or later by a what-if) never gets the broker's ack.
    if (this.w.bus.publish(row.msg, 'outbox', false, { svc: this.id, row }) === null) this.relayLost(row);
  }

  /** The broker stored an outbox row's message: the row leaves the outbox. */
  relayStored(row: OutboxRow): void {
    const i = this.outbox.indexOf(row);
    if (i >= 0) this.outbox.splice(i, 1);
  }

  /** No ack will come for this row's publish: the relay tries again after `RELAY_RETRY_MS`. */
  relayLost(row: OutboxRow): void {
    this.w.sched.after(RELAY_RETRY_MS, { kind: 'relayRetry', svc: this.id, row, epoch: this.epoch });
  }

  /** The relay's retry timer fired. */
  relayRetry(row: OutboxRow, epoch: number): void {
    if (this.epoch === epoch && this.up && this.outbox.includes(row)) this.publishRow(row, true);
  }

  private begin(): TxImpl {
    return new TxImpl(this);
  }

  /** Builds a message stamped with this service's clocks and the next per-key sequence number. */
  makeMessage(o: Outgoing): Message {
    if (o.resend) return o.resend;
    const skey = `${o.topic}|${o.key}`;
    let seq = o.seq;
    if (seq === undefined) {
      seq = (this.seqs.get(skey) ?? 0) + 1;
      this.seqs.set(skey, seq);
    }
    this.lamport++;
    // Frozen: a message never changes once made, so checkpoints share it instead of copying it.
    return Object.freeze({
      id: this.w.nextMessageId(),
      type: o.type,
      topic: o.topic,
      key: o.key,
      orderId: o.orderId,
      requestId: o.requestId,
      from: this.id,
      sentAt: this.wallClock(),
      lamport: this.lamport,
      seq,
      poison: o.poison ?? false,
      payload: o.payload,
    });
  }

  /** Sends a reply about an order in the transaction and remembers it for a later resend. */
  protected reply(tx: Tx, o: Outgoing): Message {
    const m = tx.send(o);
    if (o.orderId) this.lastReply.set(o.orderId, m);
    return m;
  }

  /** Reconciliation: send the last reply for an order again, as the same message. */
  republish(orderId: string): boolean {
    const m = this.lastReply.get(orderId);
    if (!m || !this.up) return false;
    return this.local((tx) => {
      tx.send({ topic: m.topic, type: m.type, key: m.key, orderId, requestId: m.requestId, payload: m.payload, resend: m });
    });
  }

  /** Messages waiting in this service's version buffers, with the sequence number each key waits for. */
  parkedWithGap(): { msg: Message; waitingFor: number }[] {
    const out: { msg: Message; waitingFor: number }[] = [];
    for (const [vkey, buf] of this.buffers) {
      const waitingFor = (this.versions.get(vkey) ?? 0) + 1;
      for (const d of buf.values()) out.push({ msg: d.msg, waitingFor });
    }
    return out;
  }

  /** Records a delivery the remedies absorbed. */
  protected absorb(msg: Message, why: 'dedup' | 'version' | 'state' | 'idempotencyKey'): void {
    if (why !== 'state') this.w.healed.duplicatesAbsorbed++;
    this.w.emit({ t: this.w.sched.now, kind: 'absorbed', msgId: msg.id, to: this.id, why });
  }

  /** The process dies: in-memory work is lost, unacked deliveries come back after restart. */
  crash(why: 'crashAfterCommit' | 'crashBeforeAck', msgId: string | null, lostPublishes: string[]): void {
    if (!this.up) return;
    this.epoch++;
    this.handling.clear();
    this.moveProcess({ type: 'CRASH' }, null, 'bus');
    this.w.count('crashes');
    this.w.emit({ t: this.w.sched.now, kind: 'crash', service: this.id, why, msgId, lostPublishes });
    this.w.bus.abandon(this.id);
    this.onCrash();
    this.w.sched.after(RESTART_MS, { kind: 'restart', svc: this.id });
  }

  /** The restart timer fired: the process is up again; its work resumes as the next event. */
  restart(): void {
    this.moveProcess({ type: 'RESTART' }, null, 'bus');
    this.w.emit({ t: this.w.sched.now, kind: 'restart', service: this.id });
  }

  /** Resumes work after a restart: pending outbox rows, service work, the bus, buffered messages. */
  onRecover(): void {
    for (const row of this.outbox) row.state = 'pending';
    this.recover();
    this.relay();
    this.w.bus.resume(this.id);
    for (const key of this.buffers.keys()) this.drainBuffer(key);
  }

  /**
   * Schedules a plain-data event back to this service after `ms` of virtual time. Services use
   * this instead of closures so that the event heap can become plain data (checkpoints copy it).
   * The event should name what it is for and carry ids, never objects with behaviour.
   */
  protected timer(ms: number, event: ServiceTimer, housekeeping = false): void {
    this.w.sched.after(ms, { kind: 'timer', svc: this.id, event }, housekeeping);
  }

  /** A timer set with `timer()` fired (called by the engine's dispatch). */
  fireTimer(event: ServiceTimer): void {
    this.onTimer(event);
  }

  /** Service-specific: a timer set with `timer()` fired. */
  protected onTimer(_event: ServiceTimer): void {}

  /** Service-specific: forget in-memory state when the process dies. */
  protected onCrash(): void {}
  /** Service-specific: resume unfinished work after a restart. */
  protected recover(): void {}
}

/** The transaction object handed to handlers. */
export class TxImpl implements Tx {
  messages: Message[] = [];
  constructor(private readonly svc: ServiceRuntime) {}
  send(o: Outgoing): Message {
    const m = this.svc.makeMessage(o);
    this.messages.push(m);
    return m;
  }
  /** Keep the messages of the first step of a two-step handler. */
  carry(other: TxImpl): void {
    this.messages.push(...other.messages);
  }
  abort(): void {
    this.messages = [];
  }
}

/** How often a skewed clock resyncs (virtual ms). */
export const RESYNC_MS = 500;

/** A deterministic number in [-1, 1] from two integers (murmur3's 32-bit finaliser). */
function unitHash(salt: number, epoch: number): number {
  let h = Math.imul(salt ^ Math.imul(epoch, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return ((h >>> 0) / 0xffffffff) * 2 - 1;
}
