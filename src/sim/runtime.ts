/**
 * What every service shares: its XState process machine, a local database with atomic
 * transactions, the processed-message table (idempotent consumer), per-key version tracking
 * with a buffer (versioned ordering), the transactional outbox and its relay, Lamport and
 * wall clocks, and crash/restart. Service-specific logic lives in ./services.
 */
import type { Bus, Delivery, Outcome } from './bus';
import { GrowSet } from './growOnly';
import { KeyNumbers } from './keyNumbers';
import { type OutboxRelayEvent, type OutboxRelaySnapshot, outboxRelayMachine } from './machines/outboxRelayMachine';
import { start, step, transitionCount } from './machines/pure';
import { type ConsumerEvent, type ConsumerSnapshot, consumerMachine } from './machines/consumerMachine';
import type { Rng } from './prng';
import type { Scheduler } from './scheduler';
import type { Faults, Healed, Message, MessageType, Remedies, ServiceId, Topic, TraceEvent } from './types';

let firstProcess: ConsumerSnapshot | null = null;

/** Every process starts up; snapshots are immutable, so all services share the first one. */
function initialProcess(): ConsumerSnapshot {
  firstProcess ??= start(consumerMachine, undefined as never).snapshot;
  return firstProcess;
}

/**
 * The consumer loop's transitions, remembered. The machine has no context, so its next snapshot
 * and actions depend only on its state and the event's facts: each combination is computed by
 * XState once (per process) and then reused — the same immutable snapshot object, the same
 * command list. It still counts as a transition of the machine.
 *
 * The facts travel as one small integer (`Facts`), not an event object: a delivery builds no
 * object to be told what becomes of it, and the event XState needs is spelled from the number
 * only on the rare miss.
 */
const loopMemo = new Map<number, { snapshot: ConsumerSnapshot; commands: readonly { type: string }[] }>();
const VERSIONS = ['unchecked', 'next', 'old', 'early'] as const;
const RESULTS = ['skipped', 'done', 'fail', 'later'] as const;
const CRASHES = ['none', 'afterCommit', 'beforeAck'] as const;
const EVENTS = ['DELIVER', 'FINISH', 'LOCAL', 'RESTART'] as const;
type Crash = (typeof CRASHES)[number];

/**
 * An event of the consumer loop as bits: type (1–2), poison (3), seen (4), version (5–6), result
 * (7–8), crash (9–10), stale epoch (11). Bit 0 is left for the state the loop starts from.
 */
const Facts = {
  DELIVER: 0 << 1,
  FINISH: 1 << 1,
  LOCAL: 2 << 1,
  RESTART: 3 << 1,
  poison: 8,
  seen: 16,
  version: { unchecked: 0, next: 1 << 5, old: 2 << 5, early: 3 << 5 },
  result: { skipped: 0, done: 1 << 7, fail: 2 << 7, later: 3 << 7 },
  crash: { none: 0, afterCommit: 1 << 9, beforeAck: 2 << 9 } as Record<Crash, number>,
  staleEpoch: 2048,
} as const;

/** The consumer-loop event an integer of `Facts` stands for, with its fields in the order XState has always seen them. */
export function eventOf(facts: number): ConsumerEvent {
  const type = EVENTS[(facts >> 1) & 3];
  const crash = CRASHES[(facts >> 9) & 3];
  if (type === 'DELIVER') {
    return { type, poison: (facts & Facts.poison) !== 0, seen: (facts & Facts.seen) !== 0, version: VERSIONS[(facts >> 5) & 3], result: RESULTS[(facts >> 7) & 3], crash };
  }
  if (type === 'FINISH') return { type, crash, staleEpoch: (facts & Facts.staleEpoch) !== 0 };
  if (type === 'LOCAL') return { type, crash: crash === 'beforeAck' ? 'none' : crash };
  return { type };
}

function loopStep(from: ConsumerSnapshot, facts: number): { snapshot: ConsumerSnapshot; commands: readonly { type: string }[] } {
  // The key holds the state it starts from, and the machine has no context or history: equal keys,
  // equal transitions.
  const key = (from.value === 'up' ? 0 : 1) | facts;
  const hit = loopMemo.get(key);
  if (hit) {
    transitionCount.n++;
    return hit;
  }
  const r = step(consumerMachine, from, eventOf(facts));
  loopMemo.set(key, r);
  return r;
}

/** What one consumer-loop transition acts on: the delivery (if any), its transaction and facts. */
interface Job {
  d: Delivery | null;
  origin: Origin;
  msgId: string | null;
  tx: TxImpl | null;
  crash: 'none' | 'afterCommit' | 'beforeAck';
  laterMs: number;
  next: ServiceTimer | null;
}

function newJob(d: Delivery | null, origin: Origin, msgId: string | null): Job {
  return { d, origin, msgId, tx: null, crash: 'none', laterMs: 0, next: null };
}

/**
 * A message's key in the version buffers. Only parking and draining need it: the per-delivery
 * version and sequence lookups go by topic, then key (`KeyedNumbers`), so no string is built per
 * delivery.
 */
function bufferKey(msg: Message): string {
  return `${msg.topic}|${msg.key}`;
}

/** A number per (topic, key), in two levels: no string is built, and the keys (order and request ids) go by number. */
type KeyedNumbers = Map<Topic, KeyNumbers>;

function keyed(table: KeyedNumbers, topic: Topic, key: string): number | undefined {
  return table.get(topic)?.get(key);
}

/** One topic's numbers, made on first use: callers that read and then write look it up once. */
function innerOf(table: KeyedNumbers, topic: Topic): KeyNumbers {
  let inner = table.get(topic);
  if (!inner) {
    inner = new KeyNumbers();
    table.set(topic, inner);
  }
  return inner;
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

let firstRelay: OutboxRelaySnapshot | null = null;

/**
 * Every outbox row's relay starts the same way and the machine has no context, so all rows share
 * one first snapshot (immutable) instead of XState building it per row. Still counted as a start.
 */
function initialRelay(): OutboxRelaySnapshot {
  if (firstRelay) {
    transitionCount.n++;
    return firstRelay;
  }
  firstRelay = start(outboxRelayMachine, undefined as never).snapshot;
  return firstRelay;
}

/** One row of a service's outbox table. */
export class OutboxRow {
  /** The relay's machine for this row (outboxRelayMachine). */
  relay: OutboxRelaySnapshot;
  constructor(readonly msg: Message) {
    this.relay = initialRelay();
  }
  /** Waiting to be published, or published and waiting for the broker's ack. */
  get state(): 'pending' | 'inflight' {
    return this.relay.value === 'pending' ? 'pending' : 'inflight';
  }
}

/**
 * Relay transitions, remembered per state, then event: the machine has no context (see
 * `loopStep`). Two levels keyed by the state's and the event's own names, so a row's move builds
 * no key string.
 */
const relayMemo = new Map<string, Map<string, { snapshot: OutboxRelaySnapshot; commands: readonly { type: string }[] }>>();

function relayStep(from: OutboxRelaySnapshot, type: OutboxRelayEvent['type']): { snapshot: OutboxRelaySnapshot; commands: readonly { type: string }[] } {
  const state = from.value as string;
  let byEvent = relayMemo.get(state);
  if (!byEvent) {
    byEvent = new Map();
    relayMemo.set(state, byEvent);
  }
  const hit = byEvent.get(type);
  if (hit) {
    transitionCount.n++;
    return hit;
  }
  const r = step(outboxRelayMachine, from, { type });
  byEvent.set(type, r);
  return r;
}

/** Where a delivery being handled came from: the broker, or this service's own version buffer. */
export type Origin = 'bus' | 'buffer';

/** A delivery's handling waiting for its second step (plain data: it sits in the event heap). */
export interface PendingWork {
  d: Delivery;
  origin: Origin;
  /** The first step's transaction (its queued messages). */
  tx: TxImpl;
  /** The incarnation that began it: void if the process died in between. */
  epoch: number;
  next: ServiceTimer;
}

/** Base of every service. */
export abstract class ServiceRuntime {
  /** The consumer loop's snapshot (immutable; replaced on every transition). */
  process: ConsumerSnapshot;
  lamport = 0;
  /** This process's incarnation; work scheduled by an earlier one is void after a crash. */
  epoch = 0;
  /** Grow-only, so checkpoints share it (growOnly.ts). */
  readonly processed = new GrowSet<string>();
  /** The last version handled per topic and key (versioned ordering). */
  private readonly versions: KeyedNumbers = new Map();
  private readonly buffers = new Map<string, Map<number, Delivery>>();
  /**
   * Keys whose buffer holds something, so a restart drains those without scanning every key ever
   * buffered; with each key's rank in `buffers`, so they drain in the same order as a full scan.
   */
  private readonly waiting = new Set<string>();
  private readonly bufferRank = new Map<string, number>();
  /**
   * The waiting keys a drain may move on: a row was parked or the key's version changed since its
   * last drain found nothing to do. Keys parked for good (their gap never fills) leave it, so a
   * restart no longer scans them all, which made restarts cost more the longer a run went on.
   */
  private readonly drainable = new Set<string>();
  /** The last sequence number this service gave out per topic and key. */
  private readonly seqs: KeyedNumbers = new Map();
  readonly outbox: OutboxRow[] = [];
  /** How many outbox rows are pending, so the relay can skip the rows it already published. */
  private pendingRows = 0;
  /** The last reply this service sent per order, so reconciliation can ask for it again. */
  readonly lastReply = new Map<string, Message>();
  /**
   * Messages being handled right now (delivered, not yet acked): the first `busyCount` slots, in
   * the order they came. Slots, not a Set or a shrinking array: it holds zero to two ids, and a
   * Set or array going 0 → 1 → 0 reallocated its storage on every delivery.
   */
  private readonly busyIds: string[] = [];
  private busyCount = 0;

  /** Ids of the messages being handled right now (delivered, not yet acked), in the order they came. */
  get handling(): readonly string[] {
    return this.busyIds.slice(0, this.busyCount);
  }

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

  /**
   * Moves the consumer loop with what the runtime found out, then carries out the actions of the
   * branch it took, in order. `job` is what those actions act on.
   */
  private decide(facts: number, job: Job): void {
    const r = loopStep(this.process, facts);
    this.process = r.snapshot;
    // A branch ending in `down` runs its actions first (commit, publish): the process only dies
    // at its `crash` action, which marks it down.
    if (r.snapshot.value === 'up') this.alive = true;
    // Indexed, not for-of: this runs on every delivery, and for-of allocated an iterator result per command.
    const commands = r.commands;
    for (let i = 0; i < commands.length; i++) this.carryOut(commands[i].type, job);
  }

  /** One action of the consumer loop (see consumerMachine.ts for when each runs). */
  private carryOut(action: string, job: Job): void {
    const d = job.d;
    switch (action) {
      case 'reject':
      case 'nack':
        this.done(d!, job.origin, 'fail');
        return;
      case 'absorbDuplicate':
        this.absorb(d!.msg, 'dedup');
        return;
      case 'absorbStale':
        this.absorb(d!.msg, 'version');
        return;
      case 'park':
        this.park(d!, bufferKey(d!.msg));
        return;
      case 'ack':
        this.done(d!, job.origin, 'ack');
        return;
      case 'abort':
        this.notHandling(d!.msg.id);
        job.tx!.abort();
        return;
      case 'waitForSecondStep': {
        const work: PendingWork = { d: d!, origin: job.origin, tx: job.tx!, epoch: this.epoch, next: job.next! };
        this.w.sched.after(job.laterMs, { kind: 'resume', svc: this.id, work });
        return;
      }
      case 'commit':
        this.commit(job);
        return;
      case 'publish':
        if (this.w.remedies().outbox) this.relay();
        else {
          const out = job.tx!.messages;
          for (let i = 0; i < out.length; i++) this.w.bus.publish(out[i], 'direct');
        }
        return;
      case 'crash': {
        const out = job.tx!.messages;
        if (job.crash === 'afterCommit') {
          const outbox = this.w.remedies().outbox;
          if (!outbox) this.w.remember(out);
          this.crashed('crashAfterCommit', job.msgId, outbox ? [] : out.map((m) => m.id));
        } else this.crashed('crashBeforeAck', job.msgId, []);
        return;
      }
      case 'drainBuffer':
        // Nothing a drain could move on (the usual case, even with keys parked for good): no key to spell.
        if (this.drainable.size > 0 && d) this.drainBuffer(bufferKey(d.msg));
        return;
      case 'recover':
        // Recovery runs as the next event at the same instant, as it always has.
        this.w.sched.after(0, { kind: 'recover', svc: this.id });
        return;
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
    // The bus only hands deliveries to a process that is up.
    if (this.alive) this.accept(d, 'bus');
  }

  /** Tells whoever handed the delivery over how it ended: the broker, or the version buffer. */
  private done(d: Delivery, origin: Origin, outcome: Outcome): void {
    if (origin === 'bus') this.w.bus.complete(d, outcome);
    // A buffered message leaves the buffer table once handled, whatever the outcome; a crash never
    // gets here, so it stays parked for the next incarnation.
    else this.unpark(bufferKey(d.msg), d.msg.seq);
  }

  /** A message's handling began: it joins `handling` (once). */
  private nowHandling(id: string): void {
    const ids = this.busyIds;
    for (let i = 0; i < this.busyCount; i++) if (ids[i] === id) return;
    ids[this.busyCount++] = id;
  }

  /** A message's handling ended (acked, aborted): it leaves `handling`, the others keep their order. */
  private notHandling(id: string): void {
    const ids = this.busyIds;
    const n = this.busyCount;
    let i = 0;
    while (i < n && ids[i] !== id) i++;
    if (i === n) return;
    for (; i < n - 1; i++) ids[i] = ids[i + 1];
    ids[n - 1] = '';
    this.busyCount = n - 1;
  }

  /** Checks a delivery, runs its handler and draws the crash faults; the consumer loop decides. */
  private accept(d: Delivery, origin: Origin): void {
    const msg = d.msg;
    const r = this.w.remedies();
    this.lamport = Math.max(this.lamport, msg.lamport) + 1;
    const job = newJob(d, origin, msg.id);
    let facts = Facts.DELIVER;
    if (msg.poison) facts |= Facts.poison;
    else if (r.idempotentConsumer && this.processed.has(msg.id)) facts |= Facts.seen;
    else {
      let version = 0;
      if (r.ordering === 'versioned') {
        const last = keyed(this.versions, msg.topic, msg.key) ?? 0;
        version = msg.seq <= last ? Facts.version.old : msg.seq > last + 1 ? Facts.version.early : Facts.version.next;
      }
      facts |= version;
      if (version !== Facts.version.old && version !== Facts.version.early) {
        this.nowHandling(msg.id);
        const tx = this.begin();
        job.tx = tx;
        const result = this.handle(msg, tx, d);
        if (result === 'fail') facts |= Facts.result.fail;
        else if (result && typeof result === 'object') {
          facts |= Facts.result.later;
          job.laterMs = result.laterMs;
          job.next = result.next;
        } else {
          job.crash = this.drawCrash(msg.id);
          facts |= Facts.result.done | Facts.crash[job.crash];
        }
      }
    }
    this.decide(facts, job);
  }

  /**
   * Whether a crash fault strikes this commit: after it, or (for a delivery) before its ack. The
   * random draws are made whether or not a what-if forces the crash, so the stream stays put.
   */
  private drawCrash(msgId: string | null): 'none' | 'afterCommit' | 'beforeAck' {
    const f = this.w.faults();
    const canCrash = this.id !== 'customer';
    const forced = this.w.whatIfCrash(this.id, msgId, 'crashAfterCommit');
    if (canCrash && (this.w.rng.chance(f.crashAfterCommit) || forced)) return 'afterCommit';
    const forcedBeforeAck = this.w.whatIfCrash(this.id, msgId, 'crashBeforeAck');
    if (canCrash && msgId !== null && (this.w.rng.chance(f.crashBeforeAck) || forcedBeforeAck)) return 'beforeAck';
    return 'none';
  }

  /** Too early: parks the delivery in the local buffer table until the gap is filled. */
  private park(d: Delivery, vkey: string): void {
    let buf = this.buffers.get(vkey);
    if (!buf) {
      buf = new Map();
      this.buffers.set(vkey, buf);
      this.bufferRank.set(vkey, this.bufferRank.size);
    }
    if (!buf.has(d.msg.seq)) {
      buf.set(d.msg.seq, d);
      this.waiting.add(vkey);
      this.drainable.add(vkey);
      this.w.healed.buffered++;
      this.w.emit({ t: this.w.sched.now, kind: 'buffered', msgId: d.msg.id, to: this.id });
    }
  }

  /** Runs the second step of a two-step handler (scheduled by `waitForSecondStep`). */
  resume(work: PendingWork): void {
    const job = newJob(work.d, work.origin, work.d.msg.id);
    if (this.epoch !== work.epoch) {
      // Died in between: the bus redelivers. (If still down, the loop ignores it.)
      this.decide(Facts.FINISH | Facts.staleEpoch, job);
      return;
    }
    const tx2 = this.begin();
    tx2.carry(work.tx);
    job.tx = tx2;
    this.finishLater(work.next, tx2, work.d.msg);
    job.crash = this.drawCrash(job.msgId);
    this.decide(Facts.FINISH | Facts.crash[job.crash], job);
  }

  /**
   * The commit: a delivery's processed id and version, and the outbox rows, written with the
   * transaction's own changes (which the handler made in place).
   */
  private commit(job: Job): void {
    const d = job.d;
    if (d) {
      const msg = d.msg;
      if (this.w.remedies().idempotentConsumer) this.processed.add(msg.id);
      // Versions are tracked even while ordering is off, so switching it on mid-run starts right.
      const versions = innerOf(this.versions, msg.topic);
      const last = versions.get(msg.key);
      if (last === undefined || msg.seq > last) versions.set(msg.key, msg.seq);
      this.notHandling(msg.id);
    }
    // A new version may let a row parked under this key move on.
    if (d && this.waiting.size > 0) this.mayDrain(bufferKey(d.msg));
    if (this.w.remedies().outbox) {
      const out = job.tx!.messages;
      for (let i = 0; i < out.length; i++) this.outbox.push(new OutboxRow(out[i]));
      this.pendingRows += out.length;
    }
  }

  /**
   * Runs work that isn't a delivery (a timer, a provider reply) as one local transaction. False if
   * the process is down or crashed committing it.
   */
  protected local(work: (tx: Tx) => void): boolean {
    if (!this.up) return false;
    const tx = this.begin();
    work(tx);
    const job = newJob(null, 'bus', null);
    job.tx = tx;
    job.crash = this.drawCrash(null) === 'afterCommit' ? 'afterCommit' : 'none';
    this.decide(Facts.LOCAL | Facts.crash[job.crash], job);
    return this.up;
  }

  private drainBuffer(vkey: string): void {
    const buf = this.buffers.get(vkey);
    if (!buf || buf.size === 0 || !this.up) return;
    // Every row of one buffer has the same topic and key.
    const any = buf.values().next().value!.msg;
    const last = keyed(this.versions, any.topic, any.key) ?? 0;
    // A crash between a buffered message's commit and its callback leaves a row that was
    // already handled (its version is recorded): clear it, or it would look parked forever.
    for (const seq of buf.keys()) if (seq <= last) this.unpark(vkey, seq);
    const next = last + 1;
    const d = buf.get(next);
    if (!d) {
      // Every row left waits past a gap: nothing changes here until a park or a new version.
      this.drainable.delete(vkey);
      return;
    }
    // The buffered message was acked when parked; it leaves the buffer table only once handled
    // (a crash never calls back, so it stays parked for the next incarnation).
    this.accept(d, 'buffer');
  }

  /** Marks a key for the next drain if something is parked under it. */
  private mayDrain(vkey: string): void {
    if (this.waiting.has(vkey)) this.drainable.add(vkey);
  }

  /** A buffered message leaves its key's buffer. */
  private unpark(vkey: string, seq: number): void {
    const buf = this.buffers.get(vkey);
    if (!buf) return;
    buf.delete(seq);
    if (buf.size === 0) {
      this.waiting.delete(vkey);
      this.drainable.delete(vkey);
    }
  }

  /** Messages parked in the version buffer, waiting for an earlier one (read by the invariant checker). */
  parked(): Message[] {
    const out: Message[] = [];
    // A row at or below the key's version was already applied (a crash kept its buffer row).
    for (const buf of this.buffers.values()) for (const d of buf.values()) if (d.msg.seq > (keyed(this.versions, d.msg.topic, d.msg.key) ?? 0)) out.push(d.msg);
    return out;
  }

  /** Publishes every pending outbox row; rows leave the outbox when the broker acks them. */
  protected relay(): void {
    if (!this.up || this.pendingRows === 0) return;
    // Pending rows are nearly always the newest: walk back until all of them are behind us, then
    // publish forwards in table order, as a scan of the whole outbox would.
    const rows = this.outbox;
    let from = rows.length;
    for (let seen = 0; seen < this.pendingRows && from > 0; ) if (rows[--from].relay.value === 'pending') seen++;
    for (let i = from; i < rows.length; i++) {
      const row = rows[i];
      if (row.state === 'pending') this.publishRow(row, false);
    }
  }

  private publishRow(row: OutboxRow, retry: boolean): void {
    this.moveRow(row, retry ? 'RETRY' : 'PUBLISH');
  }

  /** Moves one row's relay machine and carries out what it asks for. */
  private moveRow(row: OutboxRow, type: OutboxRelayEvent['type']): void {
    const r = relayStep(row.relay, type);
    const wasPending = row.relay.value === 'pending';
    row.relay = r.snapshot;
    if (wasPending !== (r.snapshot.value === 'pending')) this.pendingRows += wasPending ? -1 : 1;
    const commands = r.commands;
    for (let i = 0; i < commands.length; i++) {
      const c = commands[i];
      if (c.type === 'publish' || c.type === 'republish') {
        if (c.type === 'republish') this.w.healed.republished++;
        // The broker's ack removes the row; a publish lost on the way (now, or later by a
        // what-if) never gets the ack, and the relay tries again.
        if (this.w.bus.publish(row.msg, 'outbox', false, { svc: this.id, row }) === null) this.relayLost(row);
      } else if (c.type === 'deleteRow') {
        const i = this.outbox.indexOf(row);
        if (i >= 0) this.outbox.splice(i, 1);
      } else if (c.type === 'scheduleRetry') this.w.sched.after(RELAY_RETRY_MS, { kind: 'relayRetry', svc: this.id, row, epoch: this.epoch });
    }
  }

  /** The broker stored an outbox row's message: the row leaves the outbox. */
  relayStored(row: OutboxRow): void {
    this.moveRow(row, 'STORED');
  }

  /** No ack will come for this row's publish: the relay tries again after `RELAY_RETRY_MS`. */
  relayLost(row: OutboxRow): void {
    this.moveRow(row, 'LOST');
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
    let seq = o.seq;
    if (seq === undefined) {
      const seqs = innerOf(this.seqs, o.topic);
      seq = (seqs.get(o.key) ?? 0) + 1;
      seqs.set(o.key, seq);
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
    for (const buf of this.buffers.values()) {
      for (const d of buf.values()) out.push({ msg: d.msg, waitingFor: (keyed(this.versions, d.msg.topic, d.msg.key) ?? 0) + 1 });
    }
    return out;
  }

  /** Records a delivery the remedies absorbed. */
  protected absorb(msg: Message, why: 'dedup' | 'version' | 'state' | 'idempotencyKey'): void {
    if (why !== 'state') this.w.healed.duplicatesAbsorbed++;
    this.w.emit({ t: this.w.sched.now, kind: 'absorbed', msgId: msg.id, to: this.id, why });
  }

  /** The process died (the loop is now down): in-memory work is lost, unacked deliveries come back after restart. */
  private crashed(why: 'crashAfterCommit' | 'crashBeforeAck', msgId: string | null, lostPublishes: string[]): void {
    this.alive = false;
    this.epoch++;
    this.busyCount = 0;
    this.w.count('crashes');
    this.w.emit({ t: this.w.sched.now, kind: 'crash', service: this.id, why, msgId, lostPublishes });
    this.w.bus.abandon(this.id);
    this.onCrash();
    this.w.sched.after(RESTART_MS, { kind: 'restart', svc: this.id });
  }

  /** The restart timer fired: the process is up again; its work resumes as the next event. */
  restart(): void {
    this.decide(Facts.RESTART, newJob(null, 'bus', null));
    this.w.emit({ t: this.w.sched.now, kind: 'restart', service: this.id });
  }

  /** Resumes work after a restart: pending outbox rows, service work, the bus, buffered messages. */
  onRecover(): void {
    for (const row of this.outbox) this.moveRow(row, 'RESTART');
    this.recover();
    this.relay();
    this.w.bus.resume(this.id);
    if (this.drainable.size === 0) return;
    const keys = [...this.drainable].sort((a, b) => this.bufferRank.get(a)! - this.bufferRank.get(b)!);
    for (const key of keys) this.drainBuffer(key);
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
