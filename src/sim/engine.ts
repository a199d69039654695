/**
 * The simulation engine: builds the system from a scenario, runs it on virtual time, records
 * the trace, applies control changes, and answers with views and reports. Pure TypeScript — no
 * wall clock, no real timers, no DOM — so the same scenario gives the same trace everywhere.
 */
import type { EngineView } from './api';
import { budgetStop, EVENT_BUDGET } from './budget';
import { copyState } from './copyState';
import { rowTables } from './rows';
import { GrowMap, GrowSet } from './growOnly';
import { Bus, type BusEnv, type Delivery } from './bus';
import { detect, type Facts, summarize } from './detectors';
import { TraceHasher } from './hash';
import { MetricsRecorder, type MetricsOptions } from './metrics';
import { ChoiceSource, STREAMS } from './choices';
import { Rng } from './prng';
import { RECONCILE_EVERY_MS, Reconciler, SETTLE_MS } from './reconciler';
import type { SimEvent } from './events';
import type { OutboxRow, ServiceRuntime, World } from './runtime';
import { validateChange, validateWhatIf } from './scenario';
import { Scheduler } from './scheduler';
import { AnalyticsService } from './services/analytics';
import { CustomerService } from './services/customer';
import { InventoryService } from './services/inventory';
import { NotificationService } from './services/notification';
import { OrderService } from './services/order';
import { PaymentService } from './services/payment';
import { Provider } from './services/provider';
import { ShippingService } from './services/shipping';
import type {
  ControlChange,
  Faults,
  Healed,
  Message,
  Remedies,
  Report,
  Scenario,
  ServiceId,
  SkippedWhatIf,
  StoppedEarly,
  TraceEvent,
  WhatIf,
  WhatIfAction,
  WhatIfChange,
  WhatIfTarget,
} from './types';
import { buildView } from './view';
import { WhatIfError, type WhatIfHost, type WhatIfOption, WhatIfs } from './whatIf';
import type { Services } from './world';

type Metric = keyof Report['metrics'];

/**
 * How the parts of a run reach the engine: the world every service sees, the bus's environment
 * and the what-ifs' host, in one object with methods and plain fields — no closures — so that a
 * checkpoint copies it along with everything else.
 */
class Wiring implements World, BusEnv, WhatIfHost {
  bus!: Bus;
  whatIfs!: WhatIfs;
  services!: Record<ServiceId, ServiceRuntime>;
  system!: System;
  faultsNow: Faults;
  remediesNow: Remedies;
  msgCounter = 0;

  constructor(
    readonly sim: Simulation,
    readonly sched: Scheduler,
    readonly rng: Rng,
    readonly healed: Healed,
    readonly metrics: Report['metrics'],
    scenario: Scenario,
  ) {
    this.faultsNow = { ...scenario.faults };
    this.remediesNow = { ...scenario.remedies };
  }

  faults(): Faults {
    return this.faultsNow;
  }
  remedies(): Remedies {
    return this.remediesNow;
  }
  emit(e: TraceEvent): void {
    this.sim.emitTrace(e);
  }
  nextMessageId(): string {
    return `m${++this.msgCounter}`;
  }
  count(metric: Metric): void {
    this.metrics[metric]++;
  }
  remember(msgs: Message[]): void {
    for (const m of msgs) this.system.messages.set(m.id, m);
  }
  whatIfCrash(service: ServiceId, msgId: string | null, when: 'crashAfterCommit' | 'crashBeforeAck'): boolean {
    return this.whatIfs.crashDue(service, msgId, when);
  }
  isUp(id: ServiceId): boolean {
    return this.services[id].up;
  }
  deliver(d: Delivery): void {
    if (d.group === 'inventory' || d.msg.from === 'inventory') this.system.inventoryActivityAt = this.sched.now;
    this.services[d.group].receive(d);
  }
  deadLettered(d: Delivery): void {
    this.sim.deadLettered(d);
  }
  relayOutcome(svc: ServiceId, row: OutboxRow, stored: boolean): void {
    if (stored) this.services[svc].relayStored(row);
    else this.services[svc].relayLost(row);
  }
  relayLost(svc: ServiceId, row: OutboxRow): void {
    this.services[svc].relayLost(row);
  }
}

/** Every part of the running system (see world.ts), as one object with plain fields. */
class System implements Services {
  /** Grow-only, so checkpoints share it (growOnly.ts). */
  readonly messages = new GrowMap<string, Message>();
  readonly dirty = new Set<string>();
  inventoryActivityAt = 0;
  constructor(
    readonly world: Wiring,
    readonly bus: Bus,
    readonly customer: CustomerService,
    readonly order: OrderService,
    readonly payment: PaymentService,
    readonly inventory: InventoryService,
    readonly shipping: ShippingService,
    readonly notification: NotificationService,
    readonly analytics: AnalyticsService,
    readonly provider: Provider,
  ) {}
  lastInventoryActivity(): number {
    return this.inventoryActivityAt;
  }
}

/** Optional extras of a run. */
export interface SimulationOptions {
  /** Record metrics over virtual time and evaluate alert rules (observability). Off by default. */
  metrics?: boolean | MetricsOptions;
  /** Most scheduler events the run may process before it stops early; default `EVENT_BUDGET`. */
  eventBudget?: number;
  /** A choice source every random decision passes through (search: record, replay, inject). Default: the scenario's `choices` replayed, else none. */
  choices?: ChoiceSource;
}

/**
 * A simulation's whole state at one moment, copied: restore it with `Simulation.fromCheckpoint` as
 * often as you like (it is never used up or changed). Holds no copy of the trace, only its length:
 * the trace it came from is append-only and shared.
 */
export interface Checkpoint {
  /** Virtual time when it was taken. */
  readonly atMs: number;
  /** Scheduler events processed by then (`eventsProcessed`). */
  readonly events: number;
  /** Trace events recorded by then. */
  readonly traceLength: number;
  /** The trace it shares (the first `traceLength` events are its own). */
  readonly trace: readonly TraceEvent[];
  /**
   * Heap this checkpoint added, estimated from what its copy made rather than shared with the run's
   * previous checkpoint: the first costs the whole state, later ones what changed. 12 bytes a word
   * of the copies made, which matched Node's heap within a fifth (bench/checkpointSeries.ts).
   */
  readonly bytes: number;
  /** @internal The copied state: a Simulation that is never run, only copied again. */
  readonly state: Simulation;
}

/**
 * Each run's last checkpoint copy (original object → its copy), so that the next checkpoint reuses
 * what did not change. Kept outside the state: a checkpoint must not copy it.
 */
const lastCopies = new WeakMap<Simulation, ReadonlyMap<object, unknown>>();

/** A running simulation. See README-engine-api.md for the contract. */
export class Simulation {
  readonly scenario: Scenario;
  readonly trace: TraceEvent[] = [];
  readonly s: Services;
  private readonly sched = new Scheduler();
  private readonly hasher = new TraceHasher();
  private readonly listeners = new Set<(e: TraceEvent) => void>();
  private readonly w: Wiring;
  private readonly healed: Healed = { duplicatesAbsorbed: 0, republished: 0, buffered: 0, compensated: 0, reconciled: 0, deadLettered: 0 };
  private readonly metrics: Report['metrics'] = { published: 0, delivered: 0, dropped: 0, duplicated: 0, crashes: 0, retries: 0, emails: 0, events: 0 };
  // The sets only grow, so checkpoints share them (growOnly.ts); the two counters stay small Maps.
  readonly facts: Facts = {
    dropped: new GrowSet(),
    crashLost: new GrowSet(),
    deliveries: new Map(),
    skipped: new GrowSet(),
    delivered: new GrowSet(),
    buffered: new GrowSet(),
    stockNet: new Map(),
    shipmentFailed: new GrowSet(),
  };
  private readonly services: Record<ServiceId, ServiceRuntime>;
  private dlqSeq = new Map<string, number>();
  private reconciling = false;
  /** The reconciliation job (its machine and path are drawn by the statechart view). */
  readonly reconciler: Reconciler;
  /** Work done when each reconciliation round started, by start time. */
  private readonly workAtRoundStart = new Map<number, number>();
  private workDone = 0;
  private idleAtWork = -1;
  private lastWorkAt = 0;
  private ended = false;
  private readonly budget: number;
  private stopped: StoppedEarly | null = null;
  /** Recorded changes with a position, in order, and how many of them have been applied. */
  private positioned: ControlChange[] = [];
  private positionedDone = 0;
  private readonly whatIfs: WhatIfs;
  /** Recorded what-ifs this run could not make (a hand-edited scenario), named by their change. */
  private readonly skipped: SkippedWhatIf[] = [];
  /** Metrics and alerts, when asked for; reads state between events and never changes the trace. */
  readonly recorder: MetricsRecorder | null = null;

  constructor(scenario: Scenario, opts: SimulationOptions = {}) {
    this.scenario = { ...scenario, changes: [...scenario.changes] };
    this.budget = opts.eventBudget ?? EVENT_BUDGET;
    const root = new Rng(scenario.seed);
    // One stream per purpose, so switching a remedy doesn't reshuffle the workload.
    const rngs = { workload: root.fork(1), bus: root.fork(2), provider: root.fork(3), skew: root.fork(4), services: root.fork(5), reconciler: root.fork(6) };
    const choices = opts.choices ?? (scenario.choices ? new ChoiceSource({ kind: 'replay', choices: scenario.choices }) : null);
    if (choices) {
      choices.bind(this);
      STREAMS.forEach((name, i) => {
        rngs[name].attach(choices, i);
      });
    }
    const world = new Wiring(this, this.sched, rngs.services, this.healed, this.metrics, scenario);
    this.w = world;
    const bus = new Bus(this.sched, rngs.bus, world);
    world.bus = bus;
    this.whatIfs = new WhatIfs(world);
    world.whatIfs = this.whatIfs;
    const clockSkewMs = world.faultsNow.clockSkewMs;
    const skew = () => (clockSkewMs > 0 ? Math.round(rngs.skew.between(-1, 1) * clockSkewMs) : 0);
    const provider = new Provider();
    const customer = new CustomerService(world, rngs.workload, this.scenario.workload);
    const order = new OrderService(world, skew());
    const payment = new PaymentService(world, skew(), provider, rngs.provider);
    const inventory = new InventoryService(world, skew(), scenario.inventory.stock);
    const shipping = new ShippingService(world, skew(), scenario.inventory.stock);
    const notification = new NotificationService(world, skew());
    const analytics = new AnalyticsService(world, skew());
    const system = new System(world, bus, customer, order, payment, inventory, shipping, notification, analytics, provider);
    world.system = system;
    this.s = system;
    this.services = { customer, order, payment, inventory, shipping, notification, analytics };
    world.services = this.services;
    if (clockSkewMs > 0) {
      // Drawn after every service's first offset, so the first offsets stay what they were.
      for (const svc of [order, payment, inventory, shipping, notification, analytics]) {
        svc.clockResync = { maxMs: clockSkewMs, salt: Math.floor(rngs.skew.between(0, 1) * 0x7fffffff) };
      }
    }
    this.reconciler = new Reconciler(this.s, rngs.reconciler, this);
    for (const c of this.scenario.changes) {
      if (c.atEvent !== undefined) this.positioned.push(c);
      // Time-anchored changes keep their old meaning: a scheduler event at `atMs`, scheduled
      // before any other, so it runs ahead of everything else at that instant.
      else if (c.whatIf === undefined) this.sched.at(c.atMs, { kind: 'control', change: c }, true);
    }
    if (opts.metrics) this.recorder = new MetricsRecorder(this, opts.metrics === true ? {} : opts.metrics);
    customer.start();
    if (this.w.remediesNow.reconciliation) this.startReconciling();
    // A change made before the first event is made once the run is set up, as it was live.
    this.applyDue(this.sched.now);
  }

  /** The engine's live counters (read, never copied); the metrics recorder reads them. */
  counters(): Readonly<Report['metrics']> {
    return this.metrics;
  }

  /**
   * A copy of the whole simulation state now (tables, event heap, random streams, counters,
   * machine snapshots, metrics recorder): see `Checkpoint`. Listeners are not part of it.
   */
  checkpoint(): Checkpoint {
    // Packed and shared with this run's previous checkpoint wherever nothing changed (copyState.ts).
    const memo = new Map<object, unknown>();
    const stats = { words: 0 };
    // Rows are frozen in the copy, so restores share them until they write one (rows.ts).
    const state = copyState(this as Simulation, { trace: [], listeners: new Set() }, { pack: true, prev: lastCopies.get(this), memo, stats, rows: rowTables(this.s) });
    lastCopies.set(this, memo);
    return Object.freeze({ atMs: this.sched.now, events: this.metrics.events, traceLength: this.trace.length, trace: this.trace, bytes: stats.words * 12, state });
  }

  /**
   * A new, independent simulation continuing from a checkpoint, exactly as the run it was taken
   * from would have (same trace, hash and report from there on). No listeners are carried over.
   */
  static fromCheckpoint(cp: Checkpoint): Simulation {
    return copyState(cp.state, { trace: cp.trace.slice(0, cp.traceLength), listeners: new Set() });
  }

  /** Virtual time now, in ms. */
  get now(): number {
    return this.sched.now;
  }

  /** True once nothing is left to happen or `durationMs` is reached. */
  get done(): boolean {
    if (this.ended) return true;
    const next = this.sched.peekTime();
    if (next === null || next > this.scenario.durationMs) return true;
    return !this.sched.busy && (!this.reconciling || this.idleAtWork === this.workDone);
  }

  /** True when the run ended because nothing was left to do (not because time ran out). */
  get quiescent(): boolean {
    return !this.sched.busy && (!this.reconciling || this.idleAtWork === this.workDone);
  }

  /** Scheduler events processed so far: the position a control change is recorded at. */
  get eventsProcessed(): number {
    return this.metrics.events;
  }

  /** Processes the next scheduled event. False when the run is over. */
  step(): boolean {
    // Changes recorded at this position come first, exactly as they did in the recorded run.
    this.applyDue(Number.POSITIVE_INFINITY);
    if (this.done) {
      this.ended = true;
      return false;
    }
    // Sample times before the next event see the state every earlier event left behind.
    if (this.recorder) this.recorder.before(this.sched.peekTime()!);
    this.dispatch(this.sched.next()!);
    this.metrics.events++;
    if (!this.sched.lastWasHousekeeping) {
      this.workDone++;
      this.lastWorkAt = this.sched.now;
    }
    if (this.metrics.events >= this.budget && !this.done) {
      this.stopped = budgetStop(this.sched.now, this.metrics.events);
      this.ended = true;
    }
    // Changes made right after this event (single steps) are made now, before anyone looks, so
    // the state after a step is what the live run showed; later-timed ones wait for the clock.
    this.applyDue(this.sched.now);
    return true;
  }

  /** Processes every event up to time t; the clock then reads min(t, end of run). */
  runUntil(t: number): void {
    for (;;) {
      this.applyDue(t);
      const next = this.sched.peekTime();
      if (next === null || next > t || this.done) break;
      this.step();
    }
    if (!this.done && t > this.sched.now) this.sched.now = Math.min(t, this.scenario.durationMs);
    if (this.recorder) this.recorder.passed(this.sched.now);
  }

  /** Runs to the end. */
  runToEnd(): void {
    while (this.step()) {
      /* keep going */
    }
  }

  /** Runs one scheduled event: the fixed table from event kinds to the parts that handle them. */
  private dispatch(ev: SimEvent): void {
    switch (ev.kind) {
      case 'store':
      case 'deliver':
      case 'pump':
      case 'requeue':
        this.s.bus.run(ev);
        return;
      case 'timer':
        this.services[ev.svc].fireTimer(ev.event);
        return;
      case 'reconciler':
        this.reconciler.onTimer(ev.event);
        return;
      case 'resume':
        this.services[ev.svc].resume(ev.work);
        return;
      case 'restart':
        this.services[ev.svc].restart();
        return;
      case 'recover':
        this.services[ev.svc].onRecover();
        return;
      case 'relayRetry':
        this.services[ev.svc].relayRetry(ev.row, ev.epoch);
        return;
      case 'reconcileTick':
        this.reconcileTick();
        return;
      case 'control':
        this.apply(ev.change.path, ev.change.value);
        return;
    }
  }

  /** Why the run stopped early, or null if it did not. */
  get stoppedEarly(): StoppedEarly | null {
    return this.stopped;
  }

  /**
   * Changes a fault or remedy now. The change is recorded with the time and the number of events
   * processed, so a replay of `scenario` makes it at exactly this point of the run. Recorded
   * changes for later positions are dropped: the run leaves the recording here. Changes with no
   * position (time-anchored, from a file) stay.
   */
  setControl(path: string, value: number | boolean | string): void {
    const v = validateChange(path, value);
    // Changes already due here were made before this one; they go first.
    this.applyDue(this.sched.now);
    const change: ControlChange = { atMs: this.sched.now, atEvent: this.metrics.events, path, value: v };
    this.record(change);
    this.take(change, this.sched.now);
  }

  /**
   * Makes a what-if to one message now (see whatIf.ts and README-engine-api.md) and records it,
   * like `setControl`, at this position of the run. Throws `ScenarioError` for a malformed
   * what-if and `WhatIfError` (saying why) when it is not possible at this point.
   */
  whatIf(w: WhatIf): void {
    const checked = validateWhatIf(w, 'whatIf');
    this.applyDue(this.sched.now);
    if (this.done) throw new WhatIfError('the run is over: there is no message left to change');
    // Refused before anything is recorded.
    this.whatIfs.check(checked);
    const change: WhatIfChange = { atMs: this.sched.now, atEvent: this.metrics.events, whatIf: checked };
    this.record(change);
    this.take(change, this.sched.now);
  }

  /** Every message a what-if can be made to right now, with the actions possible for each. */
  whatIfTargets(): WhatIfOption[] {
    return this.done ? [] : this.whatIfs.targets();
  }

  /** The what-if actions possible for one message (or one consumer's copy of it) right now. */
  availableWhatIfs(target: WhatIfTarget): WhatIfAction[] {
    return this.done ? [] : this.whatIfs.available(target);
  }

  /**
   * Adds a change made now to the recorded scenario. Recorded changes for later positions are
   * dropped: the run leaves the recording here.
   */
  private record(change: ControlChange): void {
    const later = new Set(this.positioned.slice(this.positionedDone));
    this.positioned.length = this.positionedDone;
    const changes = this.scenario.changes.filter((c) => !later.has(c));
    // Keeps the list in time order; time-anchored changes still ahead stay after this one.
    const at = changes.findIndex((c) => c.atMs > change.atMs);
    changes.splice(at < 0 ? changes.length : at, 0, change);
    this.scenario.changes = changes;
  }

  /** Applies the recorded, positioned changes due at this position whose time is at most `limit`. */
  private applyDue(limit: number): void {
    while (this.positionedDone < this.positioned.length) {
      const c = this.positioned[this.positionedDone];
      if (c.atEvent !== this.metrics.events || c.atMs > limit) return;
      this.positionedDone++;
      // The clock only moves forward, and never past the next event or the end of the run
      // (a recorded change never needs that; a hand-edited time might).
      const next = this.sched.peekTime();
      const t = Math.max(this.sched.now, Math.min(c.atMs, next ?? c.atMs, this.scenario.durationMs));
      if (t !== c.atMs) this.retime(t);
      this.take(c, t);
    }
  }

  /**
   * A hand-edited change whose time does not fit its position took effect at t instead: the
   * recorded scenario says so (and stays in time order), so its replay and link say what happened.
   */
  private retime(t: number): void {
    const swap = new Map<ControlChange, ControlChange>();
    for (let i = this.positionedDone - 1; i < this.positioned.length; i++) {
      const c = this.positioned[i];
      // The one taking effect moves to t; later ones cannot happen before t either.
      if (i === this.positionedDone - 1 ? c.atMs !== t : c.atMs < t) {
        const moved = { ...c, atMs: t };
        swap.set(c, moved);
        this.positioned[i] = moved;
      }
    }
    const changes = this.scenario.changes.map((c) => swap.get(c) ?? c);
    // Stable: changes at the same time keep their order.
    changes.sort((a, b) => a.atMs - b.atMs);
    this.scenario.changes = changes;
  }

  /** Makes one change at time t, the same way live and in a replay. */
  private take(c: ControlChange, t: number): void {
    // A change made after the run ended is shown but never restarts it.
    if (this.done) this.ended = true;
    if (this.recorder) this.recorder.passed(t);
    this.sched.now = t;
    if (c.whatIf === undefined) {
      this.apply(c.path, c.value);
      return;
    }
    try {
      this.whatIfs.make(c.whatIf);
    } catch (e) {
      if (!(e instanceof WhatIfError)) throw e;
      // Only a replay gets here (live what-ifs are checked first): the scenario asks for a
      // what-if its own run does not allow. It is skipped and named, never guessed at.
      this.skipped.push({ field: `changes[${this.scenario.changes.indexOf(c)}]`, problem: `${e.message} (at event ${this.metrics.events})` });
    }
  }

  /** Recorded what-ifs this run could not make, naming each by its place in `scenario.changes`. */
  get skippedWhatIfs(): readonly SkippedWhatIf[] {
    return this.skipped;
  }

  private apply(path: string, value: number | boolean | string): void {
    const [sec, key] = path.split('.');
    if (sec === 'faults') this.w.faultsNow = { ...this.w.faultsNow, [key]: value };
    else this.w.remediesNow = { ...this.w.remediesNow, [key]: value };
    this.emitTrace({ t: this.sched.now, kind: 'control', path, value });
    if (path === 'remedies.reconciliation' && value === true) this.startReconciling();
  }

  private startReconciling(): void {
    if (this.reconciling) return;
    this.reconciling = true;
    this.sched.after(RECONCILE_EVERY_MS, { kind: 'reconcileTick' }, true);
  }

  private reconcileTick(): void {
    if (!this.w.remediesNow.reconciliation) {
      this.reconciling = false;
      return;
    }
    if (this.reconciler.tick()) {
      this.workAtRoundStart.clear();
      this.workAtRoundStart.set(this.sched.now, this.workDone);
    }
    this.sched.after(RECONCILE_EVERY_MS, { kind: 'reconcileTick' }, true);
  }

  /** @internal The reconciler finished a round (`RoundListener`). */
  roundDone(round: { repairs: number; startedAt: number; failed: boolean }): void {
    // Quiet only if a whole round found nothing to repair, everything had sat still long
    // enough when it started, and no work has happened since.
    const settled = round.startedAt - this.lastWorkAt >= SETTLE_MS;
    this.idleAtWork = !round.failed && round.repairs === 0 && settled ? this.workAtRoundStart.get(round.startedAt)! : -1;
  }

  /** @internal A message was dead-lettered: Order hears of it through the dead-letter topic. */
  deadLettered(d: Delivery): void {
    this.healed.deadLettered++;
    const orderId = d.msg.orderId;
    if (!orderId) return;
    const seq = (this.dlqSeq.get(orderId) ?? 0) + 1;
    this.dlqSeq.set(orderId, seq);
    const m: Message = {
      id: `m${++this.w.msgCounter}`,
      type: 'DeadLettered',
      topic: 'dlq.events',
      key: orderId,
      orderId,
      requestId: d.msg.requestId,
      from: 'dlq',
      sentAt: this.sched.now,
      lamport: d.msg.lamport + 1,
      seq,
      poison: false,
      payload: { msgId: d.msg.id, msgType: d.msg.type, consumer: d.group },
    };
    Object.freeze(m);
    this.s.bus.publish(m, 'direct', true);
  }

  /** Subscribes to trace events as they happen. */
  subscribe(fn: (e: TraceEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** @internal Appends one trace event; the parts of the run reach it through their world. */
  emitTrace(e: TraceEvent): void {
    this.trace.push(e);
    hashEvent(this.hasher, e);
    this.learn(e);
    if (this.recorder) this.recorder.learn(e);
    for (const fn of this.listeners) fn(e);
  }

  /** Keeps the facts the detectors need that no table holds. */
  private learn(e: TraceEvent): void {
    switch (e.kind) {
      case 'publish':
        this.s.messages.set(e.msg.id, e.msg);
        if (e.msg.orderId) this.s.dirty.add(e.msg.orderId);
        break;
      case 'state':
      case 'charge':
      case 'refund':
        this.s.dirty.add(e.orderId);
        break;
      case 'drop':
        this.s.messages.set(e.msg.id, e.msg);
        // A stored copy dropped by a what-if was not lost before the broker stored it.
        if (e.to !== undefined) break;
        this.facts.dropped.add(e.msg.id);
        break;
      case 'crash':
        for (const id of e.lostPublishes) this.facts.crashLost.add(id);
        break;
      case 'deliver':
        // Only Inventory's repeat deliveries matter to a detector (stock counted down twice).
        if (e.to === 'inventory') this.facts.deliveries.set(e.msgId, (this.facts.deliveries.get(e.msgId) ?? 0) + 1);
        this.facts.delivered.add(e.msgId);
        if (e.orderId) this.s.dirty.add(e.orderId);
        break;
      case 'handlerFailed':
        if (e.retryAt === null) this.facts.skipped.add(e.msgId);
        break;
      case 'buffered':
        this.facts.buffered.add(e.msgId);
        break;
      case 'stock':
        if (e.orderId) this.facts.stockNet.set(e.orderId, (this.facts.stockNet.get(e.orderId) ?? 0) + e.delta);
        break;
      case 'shipment':
        if (!e.ok) this.facts.shipmentFailed.add(e.orderId);
        break;
    }
  }

  /** The trace hash so far: 16 hex characters. */
  traceHash(): string {
    return this.hasher.digest();
  }

  /** Current faults and remedies (after control changes). */
  controls(): { faults: Faults; remedies: Remedies } {
    return { faults: this.w.faultsNow, remedies: this.w.remediesNow };
  }

  /** Everything the UI draws, copied out. */
  view(): EngineView {
    return buildView(this.s, this.services, this.sched.now, this.done);
  }

  /** Every service's tables, copied out (for the inspector and for tests). */
  tables(): Record<ServiceId, Record<string, unknown>> {
    const s = this.s;
    const common = (svc: ServiceRuntime) => ({ processed: [...svc.processed], outbox: svc.outbox.map((r) => ({ msgId: r.msg.id, type: r.msg.type, state: r.state })) });
    return {
      customer: { ...common(s.customer), requests: [...s.customer.requests.values()].map((r) => ({ requestId: r.requestId, attempts: r.attempts, accepted: [...r.accepted], cancelSentAt: r.cancelSentAt })) },
      order: { ...common(s.order), orders: [...s.order.orders.values()].map((o) => ({ ...o, lastCommand: o.lastCommand?.id ?? null, history: [...o.history] })), cancelsIgnored: [...s.order.cancelsIgnored] },
      payment: { ...common(s.payment), payments: s.payment.rows.map((r) => ({ ...r, chargeIds: [...r.chargeIds] })) },
      inventory: { ...common(s.inventory), available: s.inventory.available, reservations: Object.fromEntries(s.inventory.reservations), lostUpdates: [...s.inventory.lostUpdates] },
      shipping: { ...common(s.shipping), warehouse: s.shipping.warehouse, shipments: Object.fromEntries(s.shipping.shipments) },
      notification: { ...common(s.notification), emails: s.notification.emails.map((e) => ({ ...e })) },
      analytics: { ...common(s.analytics), rows: Object.fromEntries([...s.analytics.rows].map(([k, v]) => [k, { ...v }])) },
    };
  }

  /** The report at the current time; settled-state checks run once the run is quiescent. */
  report(): Report {
    const s = this.s;
    const quiescent = this.done && this.quiescent;
    const anomalyList = detect({ s, facts: this.facts, now: this.sched.now, quiescent, stuckAfterMs: this.scenario.stuckAfterMs, remedies: this.w.remediesNow });
    const byOrder = new Map<string, Set<string>>();
    for (const a of anomalyList) {
      for (const o of a.orderIds) {
        const set = byOrder.get(o) ?? new Set();
        set.add(a.kind);
        byOrder.set(o, set);
      }
    }
    let charged = 0;
    let refunded = 0;
    let refunds = 0;
    for (const c of s.provider.charges) {
      charged += c.amount;
      if (c.refundedAt !== null) {
        refunded += c.amount;
        refunds++;
      }
    }
    let shippedUnits = 0;
    for (const sh of s.shipping.shipments.values()) shippedUnits += sh.quantity;
    return {
      scenario: this.scenario,
      traceHash: this.traceHash(),
      endTimeMs: this.sched.now,
      quiescent,
      ...(this.stopped ? { stoppedEarly: { ...this.stopped } } : {}),
      ...(this.skipped.length ? { skippedWhatIfs: this.skipped.map((p) => ({ ...p })) } : {}),
      orders: [...s.order.orders.values()].map((o) => ({
        id: o.id,
        requestId: o.requestId,
        state: o.state,
        anomalies: [...(byOrder.get(o.id) ?? [])] as Report['orders'][number]['anomalies'],
      })),
      anomalies: summarize(anomalyList),
      anomalyList,
      healed: { ...this.healed },
      ledger: { charged, refunded, charges: s.provider.charges.length, refunds },
      stock: { initial: s.inventory.initial, available: s.inventory.available, reserved: s.inventory.reservations.size, shipped: shippedUnits },
      metrics: { ...this.metrics },
    };
  }
}

/**
 * Feeds the part of a trace event the hash covers: its time, kind and every identifying field,
 * in a fixed order. Cheaper than serialising whole events, and still changes if anything
 * observable (what happened, to which message, order or service, and when) changes.
 */
export function hashEvent(h: TraceHasher, e: TraceEvent): void {
  h.num(e.t);
  h.str(e.kind);
  switch (e.kind) {
    case 'publish':
      h.str(e.msg.id);
      h.str(e.msg.type);
      h.str(e.msg.topic);
      h.num(e.msg.seq);
      h.num(e.msg.lamport);
      h.num(e.msg.sentAt);
      h.num(e.partition);
      h.num(e.deliverAt);
      h.str(e.via);
      h.num(e.msg.poison ? 1 : 0);
      return;
    case 'drop':
      h.str(e.msg.id);
      // Only a what-if drops a stored copy; a lost publish hashes as it always did.
      if (e.to !== undefined) h.str(e.to);
      return;
    case 'deliver':
      h.str(e.msgId);
      h.str(e.to);
      h.num(e.attempt);
      h.num(e.duplicate ? 1 : 0);
      h.num(e.partition);
      return;
    case 'ack':
    case 'buffered':
    case 'deadLettered':
      h.str(e.msgId);
      h.str(e.to);
      return;
    case 'absorbed':
      h.str(e.msgId);
      h.str(e.to);
      h.str(e.why);
      return;
    case 'handlerFailed':
      h.str(e.msgId);
      h.str(e.to);
      h.num(e.attempt);
      h.num(e.retryAt ?? -1);
      return;
    case 'crash':
      h.str(e.service);
      h.str(e.why);
      h.str(e.msgId ?? '');
      for (const id of e.lostPublishes) h.str(id);
      return;
    case 'restart':
      h.str(e.service);
      return;
    case 'state':
      h.str(e.orderId);
      h.str(e.from ?? '');
      h.str(e.to);
      h.str(e.cause ?? '');
      return;
    case 'charge':
      h.str(e.orderId);
      h.str(e.chargeId);
      h.num(e.amount);
      h.str(e.key ?? '');
      h.num((e.replayed ? 1 : 0) + (e.replyLost ? 2 : 0));
      return;
    case 'refund':
      h.str(e.orderId);
      h.str(e.chargeId);
      h.num(e.amount);
      return;
    case 'stock':
      h.str(e.orderId);
      h.num(e.delta);
      h.num(e.available);
      h.num(e.instance);
      h.str(e.why);
      return;
    case 'email':
      h.str(e.orderId);
      h.str(e.template);
      h.str(e.msgId);
      return;
    case 'shipment':
      h.str(e.orderId);
      h.num(e.ok ? 1 : 0);
      return;
    case 'reconcile':
      h.str(e.orderId ?? '');
      h.str(e.action);
      return;
    case 'control':
      h.str(e.path);
      h.str(String(e.value));
      return;
    case 'request':
      h.str(e.requestId);
      h.num(e.attempt);
      h.str(e.msgId);
      return;
    case 'whatIf':
      h.str(e.msgId);
      h.str(e.to ?? '');
      h.str(e.action);
      h.num(e.ms ?? -1);
      return;
  }
}

/** Runs a scenario from the start to its end and reports. */
export function runScenario(scenario: Scenario): Report {
  const sim = new Simulation(scenario);
  sim.runToEnd();
  return sim.report();
}

/** A fresh, deterministic re-run of a scenario up to time t (time travel by replay). */
export function seek(scenario: Scenario, t: number): Simulation {
  const sim = new Simulation(scenario);
  sim.runUntil(t);
  return sim;
}
