/**
 * Per-message what-ifs: a learner picks one message in flight or waiting in a partition and
 * delivers it now, duplicates, drops or delays it, or makes its receiver crash after commit or
 * before ack. Each is a small named function that works through the broker's own mechanisms
 * (transit, partition queues, pump) or the runtime's crash path, so the trace shows its effect
 * the way it shows a random fault's. None draws a random number: a what-if never shifts the
 * seeded streams, so the rest of the run stays what the seed makes it.
 */
import { CONSUMERS } from './api';
import type { Bus, Delivery, InTransit, PartitionQueue } from './bus';
import type { OutboxRow } from './runtime';
import type { Scheduler } from './scheduler';
import type { ServiceId, TraceEvent, WhatIf, WhatIfAction, WhatIfTarget } from './types';

/** What the what-ifs need from the engine (methods, not closures: checkpoints copy it). */
export interface WhatIfHost {
  readonly bus: Bus;
  readonly sched: Scheduler;
  isUp(s: ServiceId): boolean;
  emit(e: TraceEvent): void;
  count(metric: 'dropped' | 'duplicated'): void;
  /** An outbox row's publish was lost in transit: its relay, lacking the ack, publishes it again. */
  relayLost(svc: ServiceId, row: OutboxRow): void;
}

/** A what-if that cannot be made at this point of the run; the message says why. */
export class WhatIfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WhatIfError';
  }
}

/** One message a what-if can be made to now, where it is, and what can be done to it. */
export interface WhatIfOption {
  target: WhatIfTarget;
  msgType: string;
  orderId: string | null;
  /** In transit to the broker; waiting in `to`'s partition; or being handled by `to`. */
  where: 'transit' | 'partition' | 'handling';
  actions: WhatIfAction[];
}

const BUS_ACTIONS: WhatIfAction[] = ['deliverNow', 'duplicate', 'drop', 'delay'];
const CRASHES: WhatIfAction[] = ['crashAfterCommit', 'crashBeforeAck'];

/** Where a target is right now. */
type Place =
  | { kind: 'transit'; entry: InTransit }
  /** Still in transit, but the target names a consumer: only its crash can be arranged. */
  | { kind: 'coming'; entry: InTransit; to: ServiceId }
  | { kind: 'queued'; q: PartitionQueue; index: number; inHand: boolean };

/** The what-ifs of one run: finds targets, makes what-ifs, and holds the crashes they arranged. */
export class WhatIfs {
  /** Crashes arranged for a later commit: `when|service|msgId` → how many are still due. */
  private readonly armed = new Map<string, number>();

  constructor(private readonly host: WhatIfHost) {}

  /** Every message a what-if can be made to now, in a fixed order (transit first, then queues). */
  targets(): WhatIfOption[] {
    const out: WhatIfOption[] = [];
    for (const entry of this.host.bus.transit.values()) {
      const m = entry.msg;
      out.push({ target: { msg: m.id }, msgType: m.type, orderId: m.orderId, where: 'transit', actions: [...BUS_ACTIONS] });
      for (const to of CONSUMERS[m.topic]) {
        const actions = crashesFor(to);
        if (actions.length) out.push({ target: { msg: m.id, to }, msgType: m.type, orderId: m.orderId, where: 'transit', actions });
      }
    }
    for (const p of this.host.bus.partitions()) {
      const seen = new Set<string>();
      for (const d of p.queue) {
        if (seen.has(d.msg.id)) continue; // copies of one message share a target: the first one
        seen.add(d.msg.id);
        const target = { msg: d.msg.id, to: p.group };
        const place = this.locate(target);
        if (place?.kind !== 'queued') continue;
        out.push({ target, msgType: d.msg.type, orderId: d.msg.orderId, where: place.inHand ? 'handling' : 'partition', actions: this.actionsAt(place, p.group) });
      }
    }
    return out;
  }

  /** What can be done to a target now; empty when it is neither in transit nor in a partition. */
  available(target: WhatIfTarget): WhatIfAction[] {
    const place = this.locate(target);
    return place ? this.actionsAt(place, target.to) : [];
  }

  /** Throws `WhatIfError` (saying why) when a what-if is not possible now. */
  check(w: WhatIf): void {
    this.placeFor(w);
  }

  /** Makes a what-if now. Throws `WhatIfError` (saying why) when it is not possible here. */
  make(w: WhatIf): void {
    const place = this.placeFor(w);
    this.host.emit({ t: this.host.sched.now, kind: 'whatIf', msgId: w.msg, to: w.to ?? null, action: w.action, ms: w.action === 'delay' ? w.ms : null });
    if (w.action === 'crashAfterCommit' || w.action === 'crashBeforeAck') {
      armCrash(this.armed, w.action, w.to!, w.msg);
      return;
    }
    if (place.kind === 'transit') {
      if (w.action === 'deliverNow') deliverInTransitNow(this.host, place.entry);
      else if (w.action === 'duplicate') duplicateInTransit(place.entry);
      else if (w.action === 'drop') dropInTransit(this.host, place.entry);
      else delayInTransit(this.host, place.entry, w.ms!);
    } else if (place.kind === 'queued') {
      if (w.action === 'deliverNow') deliverQueuedNow(this.host, place.q, place.index);
      else if (w.action === 'duplicate') duplicateQueued(this.host, place.q, place.index);
      else if (w.action === 'drop') dropQueued(this.host, place.q, place.index);
      else delayQueued(this.host, place.q, place.index, w.ms!);
    }
  }

  /** Called by a service at each commit point: true (once) if a what-if arranged a crash there. */
  crashDue(service: ServiceId, msgId: string | null, when: 'crashAfterCommit' | 'crashBeforeAck'): boolean {
    if (msgId === null || this.armed.size === 0) return false;
    const key = `${when}|${service}|${msgId}`;
    const n = this.armed.get(key) ?? 0;
    if (n === 0) return false;
    if (n === 1) this.armed.delete(key);
    else this.armed.set(key, n - 1);
    return true;
  }

  private placeFor(w: WhatIf): Place {
    const place = this.locate(w);
    const possible = place ? this.actionsAt(place, w.to) : [];
    if (!place || !possible.includes(w.action)) throw new WhatIfError(whyNot(w, place, possible));
    return place;
  }

  private locate(t: WhatIfTarget): Place | null {
    const bus = this.host.bus;
    if (t.to === undefined) {
      const entry = bus.transit.get(t.msg);
      return entry ? { kind: 'transit', entry } : null;
    }
    // A copy not yet handed over is preferred: it is the one every action can reach.
    let handled: Place | null = null;
    for (const p of bus.partitions()) {
      if (p.group !== t.to) continue;
      const q = bus.queueOf(p.topic, p.index, p.group)!;
      for (let index = 0; index < q.queue.length; index++) {
        if (q.queue.at(index)!.msg.id !== t.msg) continue;
        const inHand = index === 0 && this.inHand(q);
        if (!inHand) return { kind: 'queued', q, index, inHand };
        handled = { kind: 'queued', q, index, inHand };
      }
    }
    if (handled) return handled;
    const entry = bus.transit.get(t.msg);
    if (entry && CONSUMERS[entry.msg.topic].includes(t.to)) return { kind: 'coming', entry, to: t.to };
    return null;
  }

  /** The head has been delivered and its consumer has not finished with it yet. */
  private inHand(q: PartitionQueue): boolean {
    return this.host.bus.inHand(q);
  }

  private actionsAt(place: Place, to: ServiceId | undefined): WhatIfAction[] {
    if (place.kind === 'transit') return [...BUS_ACTIONS];
    const crashes = to ? crashesFor(to) : [];
    if (place.kind === 'coming') return crashes;
    if (place.inHand) return ['duplicate', ...crashes];
    const q = place.q;
    // "Now" needs a consumer that is up and not in the middle of another message.
    const free = this.host.isUp(q.group) && !(q.busy !== null && this.inHand(q));
    return [...(free ? (['deliverNow'] as const) : []), 'duplicate', 'drop', 'delay', ...crashes];
  }
}

/** The Customer service never crashes in this simulation (it stands for the learners' browsers). */
function crashesFor(to: ServiceId): WhatIfAction[] {
  return to === 'customer' ? [] : [...CRASHES];
}

function whyNot(w: WhatIf, place: Place | null, possible: WhatIfAction[]): string {
  if (!place) {
    return w.to === undefined
      ? `message ${w.msg} is not in transit to the broker now`
      : `message ${w.msg} is neither waiting for ${w.to} in a partition nor in transit to it now`;
  }
  const where = place.kind === 'transit' ? 'in transit' : place.kind === 'coming' ? `in transit to ${w.to}` : `at ${w.to}`;
  return `"${w.action}" is not possible for message ${w.msg} ${where} now; possible: ${possible.length ? possible.join(', ') : 'nothing'}`;
}

function armCrash(armed: Map<string, number>, when: 'crashAfterCommit' | 'crashBeforeAck', to: ServiceId, msg: string): void {
  const key = `${when}|${to}|${msg}`;
  armed.set(key, (armed.get(key) ?? 0) + 1);
}

/** The broker stores it now (as the next event at this instant), however long it had to go. */
function deliverInTransitNow(host: WhatIfHost, entry: InTransit): void {
  host.bus.withdraw(entry.msg.id);
  host.bus.send({ ...entry, storedAt: host.sched.now, withdrawn: false });
}

/** When the broker stores it, every consumer group gets one more copy (as the duplicate fault does). */
function duplicateInTransit(entry: InTransit): void {
  entry.extraCopies++;
}

/** Lost on the way, as the drop fault loses a publish; an outbox relay, lacking the ack, publishes again. */
function dropInTransit(host: WhatIfHost, entry: InTransit): void {
  host.bus.withdraw(entry.msg.id);
  host.count('dropped');
  host.emit({ t: host.sched.now, kind: 'drop', msg: entry.msg });
  if (entry.relay) host.relayLost(entry.relay.svc, entry.relay.row);
}

/** Reaches the broker `ms` later than it would have; messages stored meanwhile overtake it. */
function delayInTransit(host: WhatIfHost, entry: InTransit, ms: number): void {
  host.bus.withdraw(entry.msg.id);
  host.bus.send({ ...entry, storedAt: entry.storedAt + ms, withdrawn: false });
}

/**
 * Takes a copy out of its queue. If it was the head waiting to be handed over, that hand-over is
 * called off (the bus ignores a scheduled delivery that is no longer its queue's busy one).
 */
function takeOut(q: PartitionQueue, index: number): Delivery {
  if (index === 0 && q.busy === q.queue.at(0)) q.busy = null;
  return q.queue.removeAt(index);
}

/**
 * Jumps the queue and goes to the consumer as the next event at this instant. A retry wait on the
 * partition is cut short too: the consumer is asked to take a message now.
 */
function deliverQueuedNow(host: WhatIfHost, q: PartitionQueue, index: number): void {
  const d = takeOut(q, index);
  if (q.busy !== null) q.busy = null; // a pending hand-over of the old head is called off as well
  // A new copy object, so a hand-over scheduled for the old one can never deliver it a second time.
  q.queue.unshift({ ...d, handed: false });
  q.blockedUntil = 0;
  q.nextFreeAt = Math.min(q.nextFreeAt, host.sched.now);
  host.bus.pump(q);
}

/** The broker delivers this copy once more, right after it. */
function duplicateQueued(host: WhatIfHost, q: PartitionQueue, index: number): void {
  const d = q.queue.at(index)!;
  host.count('duplicated');
  q.queue.insertAt(index + 1, { ...d, attempt: 1, duplicate: true, handed: false });
  host.bus.pump(q);
}

/** The broker loses this group's stored copy; the other groups keep theirs. */
function dropQueued(host: WhatIfHost, q: PartitionQueue, index: number): void {
  const d = takeOut(q, index);
  host.count('dropped');
  host.emit({ t: host.sched.now, kind: 'drop', msg: d.msg, to: q.group });
  host.bus.pump(q);
}

/** Leaves the queue and comes back at its tail `ms` later, so the messages behind it overtake it. */
function delayQueued(host: WhatIfHost, q: PartitionQueue, index: number, ms: number): void {
  const d = takeOut(q, index);
  host.sched.at(host.sched.now + ms, { kind: 'requeue', q, d: { ...d, handed: false } });
  host.bus.pump(q);
}
