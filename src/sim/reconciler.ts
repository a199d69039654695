/**
 * Reconciliation: a job of its own that, once a second, asks the services and the payment
 * provider for their records, compares them, and asks for repairs. It learns only through
 * queries that cross the same network as everything else — they take time, can be lost, and
 * find a crashed service unable to answer — so what it sees is a snapshot that may already be
 * stale when it acts. Every repair is therefore one that stays right on a stale snapshot:
 * refunds only for orders that are settled for good, re-sends that the receiver checks against
 * its own state, releases only for orders called off, a dashboard row only if nothing newer
 * reached it, and a stock recount by Inventory from its own reservation table. It never
 * repairs from a flag that lags the truth, and cannot undo what left the building.
 */
import { type OrderSnapshot, REPLY_EVENTS, WAITS_FOR } from './machines/orderMachine';
import { notePath, type PathEntry } from './machines/path';
import { start, step } from './machines/pure';
import { type JobEvent, type JobSnapshot, OTHER_SOURCES, reconciliationMachine } from './machines/reconciliationMachine';
import type { Rng } from './prng';
import { PROVIDER_LEG_MS } from './services/payment';
import type { MessageType, OrderState } from './types';
import type { Services } from './world';

/** How often a round starts (a round still in flight is not overlapped). */
export const RECONCILE_EVERY_MS = 1000;
/** How long an order must sit still before the job touches it. */
export const SETTLE_MS = 1500;
/** How long the job waits for an answer before it asks again, and how often it asks. */
export const QUERY_TIMEOUT_MS = 200;
export const QUERY_ATTEMPTS = 3;
/** Re-drives per order at most. */
export const MAX_REDRIVES = 3;

/**
 * The most orders one round asks about. A backlog can leave tens of thousands of orders unsettled;
 * reading all of them every second made each delivery of a long overloaded run cost more the
 * longer it ran. Like a real reconciler paging through records, a round reads a page and the next
 * round goes on from there.
 */
export const PAGE_ORDERS = 1000;

/**
 * The orders the next round reads: every dirty order while they fit in a page (so small runs read
 * exactly what they always did); otherwise the oldest page, which then moves to the back of the
 * set, so the round after goes on with the orders this one did not reach.
 */
export function nextPage(dirty: Set<string>): string[] {
  if (dirty.size <= PAGE_ORDERS) return [...dirty];
  const page: string[] = new Array(PAGE_ORDERS);
  let i = 0;
  for (const id of dirty) {
    page[i++] = id;
    if (i === PAGE_ORDERS) break;
  }
  for (const id of page) {
    dirty.delete(id);
    dirty.add(id);
  }
  return page;
}

/** What the Order service reports about one order. */
interface OrderRecord {
  /** The order process's snapshot as read: immutable, so holding it is a true point-in-time copy. */
  machine: OrderSnapshot;
  state: OrderState;
  idleSince: number;
  redrives: number;
}

/**
 * Everything one round learned; each part was read at the moment its query arrived. Per-order
 * answers sit at the order's position in the round's ids rather than in maps keyed by id: a round
 * may ask about tens of thousands of orders while a backlog lasts, and building six maps of them
 * every second was a large share of a long overloaded run.
 */
interface Snapshot {
  orders: (OrderRecord | undefined)[];
  /** 1 where Payment had a charge in flight. */
  charging: Uint8Array;
  /** The provider's unrefunded charges of each order, in its ledger's order. */
  charges: ({ id: string; amount: number }[] | undefined)[];
  /** The type of each order's last reply from that service. */
  replies: Record<'payment' | 'inventory' | 'shipping', (string | undefined)[]>;
  /** 1 where Inventory held a reservation. */
  reservations: Uint8Array;
  stock: { available: number; expected: number; idleSince: number };
  dashboard: ({ state: OrderState; msgId: string; updatedAt: number } | undefined)[];
}

type Source = 'order' | 'payment' | 'provider' | 'inventory' | 'shipping' | 'analytics';
const SOURCES: Source[] = ['order', 'payment', 'provider', 'inventory', 'shipping', 'analytics'];
if (SOURCES.length - 1 !== OTHER_SOURCES) throw new Error('the job machine waits for a different number of sources');

/** A timer the job sets for itself: plain data, dispatched to `onTimer`. */
export type ReconcilerTimer =
  | { type: 'queryArrives'; src: Source; attempt: number; lost: boolean; out: number; back: number }
  | { type: 'queryTimedOut'; src: Source; attempt: number }
  | { type: 'answerArrives'; src: Source }
  | { type: 'refund'; orderId: string; chargeId: string; amount: number; state: OrderState };

/** The round in progress: which orders it asked about, what it learned, and who still owes an answer. */
interface Round {
  startedAt: number;
  ids: string[];
  snap: Partial<Snapshot> & Pick<Snapshot, 'replies'>;
}

/** Hears how each finished reconciliation round went (an object with a method: no closure in state). */
export interface RoundListener {
  roundDone(round: { repairs: number; startedAt: number; failed: boolean }): void;
}

/** The reconciliation job. `onRound` hears how each finished round went. */
export class Reconciler {
  /** What the round is waiting for, as the job's machine (../machines/reconciliationMachine). */
  machine: JobSnapshot = start(reconciliationMachine, undefined).snapshot;
  /** Where the job's machine has been, round after round (for the statechart view; not in the trace). */
  readonly path: PathEntry[] = [];
  private round: Round | null = null;

  constructor(
    private readonly s: Services,
    private readonly rng: Rng,
    private readonly onRound: RoundListener,
  ) {}

  /** Starts a round unless one is still waiting for answers. True if it started one. */
  tick(): boolean {
    if (!this.machine.matches('idle')) return false;
    this.round = { startedAt: this.s.world.sched.now, ids: nextPage(this.s.dirty), snap: { replies: { payment: [], inventory: [], shipping: [] } } };
    this.advance({ type: 'TICK' });
    return true;
  }

  private advance(event: JobEvent): void {
    const { snapshot, commands } = step(reconciliationMachine, this.machine, event);
    notePath(this.path, this.s.world.sched.now, reconciliationMachine, this.machine, snapshot, event, commands);
    this.machine = snapshot;
    for (const c of commands) {
      switch (c.type) {
        case 'askDashboard':
          // The dashboard is read first, so the Order table read after it is at least as new: a
          // row is then only ever corrected towards a state the order had after the row was read.
          this.query('analytics', 1);
          break;
        case 'askSources':
          for (const other of SOURCES) if (other !== 'analytics') this.query(other, 1);
          break;
        case 'repair':
          this.finish(false);
          break;
        case 'giveUpRound':
          this.finish(true);
          break;
      }
    }
  }

  private finish(failed: boolean): void {
    const round = this.round!;
    this.round = null;
    const repairs = failed || !this.s.world.remedies().reconciliation ? 0 : this.act(round.ids, round.snap as Snapshot);
    this.onRound.roundDone({ repairs, startedAt: round.startedAt, failed });
  }

  /** One network leg of a query or its answer. */
  private leg(): number {
    const f = this.s.world.faults();
    return f.latencyMs + (f.jitterMs > 0 ? Math.floor(this.rng.float() * f.jitterMs) : 0);
  }

  /** Schedules a plain-data event back to the job (no closures in the event heap). */
  private timer(ms: number, ev: ReconcilerTimer, housekeeping: boolean): void {
    this.s.world.sched.after(ms, { kind: 'reconciler', event: ev }, housekeeping);
  }

  /**
   * Asks one source for its records; the answer comes back after a round trip. A query or its
   * answer can be lost, and a crashed service cannot answer: the job waits out a timeout and
   * asks again, a few times, before it gives the round up.
   */
  private query(src: Source, attempt: number): void {
    // The provider is an outside service reached over its own link; ours go over the bus network.
    const out = src === 'provider' ? PROVIDER_LEG_MS : this.leg();
    const back = src === 'provider' ? PROVIDER_LEG_MS : this.leg();
    const lost = this.rng.chance(this.s.world.faults().drop);
    this.timer(out, { type: 'queryArrives', src, attempt, lost, out, back }, true);
  }

  /** A timer the job set fired. */
  onTimer(ev: ReconcilerTimer): void {
    switch (ev.type) {
      case 'queryArrives':
        if (ev.lost || (ev.src !== 'provider' && !this.s[ev.src].up)) {
          const timeout = Math.max(ev.back, QUERY_TIMEOUT_MS - ev.out);
          this.timer(timeout, { type: 'queryTimedOut', src: ev.src, attempt: ev.attempt }, true);
          return;
        }
        this.read(ev.src, this.round!.ids, this.round!.snap);
        this.timer(ev.back, { type: 'answerArrives', src: ev.src }, true);
        return;
      case 'queryTimedOut':
        if (ev.attempt < QUERY_ATTEMPTS) this.query(ev.src, ev.attempt + 1);
        else this.advance({ type: 'ANSWER', ok: false });
        return;
      case 'answerArrives':
        this.advance({ type: 'ANSWER', ok: true });
        return;
      case 'refund':
        this.refunded(ev.orderId, ev.chargeId, ev.amount, ev.state);
        return;
    }
  }

  /** What a source answers, copied at the moment the query reaches it. */
  private read(src: Source, ids: string[], snap: Partial<Snapshot> & Pick<Snapshot, 'replies'>): void {
    const { s } = this;
    const n = ids.length;
    if (src === 'order') {
      const orders: (OrderRecord | undefined)[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const row = s.order.orders.get(ids[i]);
        if (row) orders[i] = { machine: row.machine, state: row.state, idleSince: row.lastActivity, redrives: row.redrives };
      }
      snap.orders = orders;
    } else if (src === 'payment') {
      const charging = new Uint8Array(n);
      for (let i = 0; i < n; i++) if (s.payment.charging(ids[i])) charging[i] = 1;
      snap.charging = charging;
      snap.replies.payment = replies(s.payment.lastReply, ids);
    } else if (src === 'provider') {
      const charges: ({ id: string; amount: number }[] | undefined)[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const list = s.provider.byOrder.get(ids[i]);
        if (!list) continue;
        const live: { id: string; amount: number }[] = [];
        for (const c of list) if (c.refundedAt === null) live.push({ id: c.id, amount: c.amount });
        if (live.length) charges[i] = live;
      }
      snap.charges = charges;
    } else if (src === 'inventory') {
      // Only the round's orders are ever looked up: copying every reservation (shipped orders keep
      // theirs) made each round cost more the longer the run went on.
      const held = new Uint8Array(n);
      for (let i = 0; i < n; i++) if (s.inventory.reservations.has(ids[i])) held[i] = 1;
      snap.reservations = held;
      snap.stock = { available: s.inventory.available, expected: s.inventory.recountValue(), idleSince: s.lastInventoryActivity() };
      snap.replies.inventory = replies(s.inventory.lastReply, ids);
    } else if (src === 'shipping') {
      snap.replies.shipping = replies(s.shipping.lastReply, ids);
    } else {
      const dashboard: Snapshot['dashboard'] = new Array(n);
      for (let i = 0; i < n; i++) {
        const r = s.analytics.rows.get(ids[i]);
        if (r) dashboard[i] = { state: r.state, msgId: r.msgId, updatedAt: r.updatedAt };
      }
      snap.dashboard = dashboard;
    }
  }

  /** Compares the snapshot and asks for repairs. Returns how many were asked for. */
  private act(ids: string[], snap: Snapshot): number {
    const { s } = this;
    const now = s.world.sched.now;
    let repairs = 0;
    const note = (orderId: string | null, action: string) => {
      repairs++;
      s.world.healed.reconciled++;
      s.world.emit({ t: now, kind: 'reconcile', orderId, action });
    };
    for (let i = 0; i < ids.length; i++) {
      const rec = snap.orders[i];
      if (!rec) continue;
      const id = ids[i];
      const before = repairs;
      const idle = now - rec.idleSince >= SETTLE_MS;
      // What the order's own machine says: paid for goods still owed, called off for good, or
      // waiting on someone (and whose answer would move it on).
      const paid = rec.machine.hasTag('paid');
      const calledOff = rec.machine.hasTag('calledOff');
      const waitsFor = WAITS_FOR[rec.state];

      // Money: a paid order keeps one charge; an order called off for good keeps none.
      const charging = snap.charging[i] === 1;
      const held = snap.reservations[i] === 1;
      if (idle && !charging && (paid || calledOff)) {
        const keep = paid ? 1 : 0;
        const live = snap.charges[i] ?? [];
        for (const c of live.slice(keep)) this.refund(id, c.id, c.amount, rec.state);
        if (live.length > keep) repairs += live.length - keep;
      }

      // A stuck order: ask whoever owes the answer to send it again, or re-send our request.
      if (idle && waitsFor && rec.redrives < MAX_REDRIVES && !(rec.state === 'PendingPayment' && charging)) {
        // Answered: the owing service's last reply is an event this order's machine would take now.
        const event = REPLY_EVENTS[(snap.replies[waitsFor][i] ?? '') as MessageType];
        const answered = event !== undefined && rec.machine.can({ type: event, saga: s.world.remedies().saga });
        s.order.countRedrive(id);
        const ok = answered ? s[waitsFor].republish(id) : s.order.redrive(id, rec.state);
        if (ok) note(id, answered ? `asked ${waitsFor} to resend its answer for ${id}` : `re-sent the last command of ${id} (${rec.state})`);
      }

      // Stock still set aside for an order that was called off: ask for it back.
      if (idle && calledOff && held && s.order.releaseStock(id)) {
        note(id, `asked Inventory to release the stock still held for ${id}, which was called off`);
      }

      // The dashboard: correct a row that disagrees, unless something newer reached it since.
      const shown = snap.dashboard[i];
      if (idle && shown?.state !== rec.state && s.analytics.up && s.analytics.repairIfUnchanged(id, rec.state, shown?.msgId ?? null)) {
        note(id, `rebuilt the dashboard row of ${id} (${shown?.state ?? 'missing'} → ${rec.state})`);
      }

      const consistent = !charging && shown?.state === rec.state && !(calledOff && held);
      if (repairs === before && idle && consistent && !waitsFor) s.dirty.delete(id);
    }

    // The stock count: Inventory recounts from its own reservation table once it sat still.
    if (snap.stock.available !== snap.stock.expected && now - snap.stock.idleSince >= SETTLE_MS) {
      const fixed = s.inventory.recount();
      if (fixed !== null) note(null, `Inventory recounted its stock from its reservations: ${fixed.from} → ${fixed.to}`);
    }
    return repairs;
  }

  /** Refunds one charge at the provider; the call takes a network leg, and refunding twice is harmless. */
  private refund(orderId: string, chargeId: string, amount: number, state: OrderState): void {
    this.timer(PROVIDER_LEG_MS, { type: 'refund', orderId, chargeId, amount, state }, false);
  }

  /** The refund reached the provider. */
  private refunded(orderId: string, chargeId: string, amount: number, state: OrderState): void {
    const { s } = this;
    const c = s.provider.refund(chargeId, s.world.sched.now);
    if (!c) return;
    s.world.healed.reconciled++;
    s.world.emit({ t: s.world.sched.now, kind: 'refund', orderId, chargeId, amount });
    s.world.emit({ t: s.world.sched.now, kind: 'reconcile', orderId, action: `refunded charge ${chargeId} (${amount}) that ${orderId} in ${state} should not hold` });
  }
}

/** The type of each order's last reply, at the order's position in the round. */
function replies(table: ReadonlyMap<string, { type: string }>, ids: string[]): (string | undefined)[] {
  const out: (string | undefined)[] = new Array(ids.length);
  for (let i = 0; i < ids.length; i++) out[i] = table.get(ids[i])?.type;
  return out;
}
