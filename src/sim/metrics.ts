/**
 * Metrics over virtual time: what an operations team would chart for this system — queue depth
 * and consumer lag per topic, throughput, failures, retries, the dead-letter queue, outbox
 * backlog, and business signals (orders per state, stuck orders, money taken for orders that
 * are not moving, refunds pending, how far the dashboard trails the Order service).
 *
 * The recorder reads the engine's state *between* events, at fixed sample times, and never
 * schedules, draws random numbers or emits trace events — so switching it on cannot change a
 * run's trace or hash. Sample `b` is taken the moment the engine first moves past `b` (by
 * stepping to a later event or by moving the clock), which is exactly when every event at time
 * ≤ b has run: a live run, a sliced UI run and a fresh replay record identical samples.
 */
import { AlertEvaluator, type Alert, type AlertRule, DEFAULT_ALERT_RULES } from './alerts';
import { CONSUMERS, SERVICES } from './api';
import { TERMINAL } from './machines/orderMachine';
import type { OrderState, Report, Scenario, Topic, TraceEvent } from './types';
import type { Services } from './world';

/** Options for `new Simulation(scenario, { metrics })`. */
export interface MetricsOptions {
  /** Sample interval in virtual ms (default 100). */
  intervalMs?: number;
  /** Alert rules; default: the scenario's `alerts` field if it has one, else `DEFAULT_ALERT_RULES`. */
  alerts?: AlertRule[];
}

/** What the recorder needs from the engine. */
export interface RecorderHost {
  readonly s: Services;
  readonly scenario: Scenario;
  readonly trace: readonly TraceEvent[];
  subscribe(fn: (e: TraceEvent) => void): () => void;
  /** The engine's live counters (read, never copied). */
  counters(): Readonly<Report['metrics']>;
}

/** Records metrics and evaluates alerts for one simulation. Created by the engine. */
export class MetricsRecorder {
  readonly intervalMs: number;
  readonly series: MetricSeries;
  private readonly evaluator: AlertEvaluator;
  private readonly s: Services;
  private readonly stuckAfterMs: number;
  private nextAt = 0;
  /** Values of the sample being built (reused). */
  private readonly vals: (number | null)[] = METRIC_IDS.map(() => 0);

  // ——— state kept from the trace ———
  /** Open orders by id → placedAt, in creation order (so the first is the oldest). */
  private readonly open = new Map<string, number>();
  /** Orders that left a final state again (a late refund): few, scanned in full. */
  private readonly reopened = new Map<string, number>();
  private readonly pendingPayment = new Map<string, number>();
  private readonly placedAt = new Map<string, number>();
  private readonly stateOf = new Map<string, OrderState>();
  private readonly stateCount = new Map<OrderState, number>(ORDER_STATES.map((s) => [s, 0]));
  /** Deliveries in progress: "msgId>consumer" → delivered at. */
  private readonly inProgress = new Map<string, number>();
  private readonly dlqOrders = new Set<string>();
  /** Orders whose dashboard row may have changed since the last sample, with the latest touch. */
  private dirty = new Map<string, number>();
  /** Orders whose dashboard row differs from the Order service → since when. */
  private readonly behind = new Map<string, number>();

  // ——— per-interval accumulators ———
  private handled = 0;
  private failures = 0;
  private failedOrders = new Set<string>();
  private procSum = 0;
  private procMax = 0;
  private confirmSum = 0;
  private confirmCount = 0;
  private retriesAtLast = 0;
  private lastCaptured: string[] = [];

  constructor(
    private readonly host: RecorderHost,
    opts: MetricsOptions = {},
  ) {
    this.s = host.s;
    this.intervalMs = Math.max(1, opts.intervalMs ?? METRIC_INTERVAL_MS);
    this.stuckAfterMs = host.scenario.stuckAfterMs;
    this.series = { intervalMs: this.intervalMs, t: [], columns: METRIC_IDS.map(() => []) };
    const fromScenario = (host.scenario as Scenario & { alerts?: AlertRule[] }).alerts;
    this.evaluator = new AlertEvaluator(opts.alerts ?? fromScenario ?? DEFAULT_ALERT_RULES);
    // Catch up on anything emitted before the recorder existed, then follow live.
    for (const e of host.trace) this.learn(e);
    host.subscribe((e) => this.learn(e));
  }

  /** Alerts fired so far (firing ones have `resolvedAt: null`). */
  get alerts(): readonly Alert[] {
    return this.evaluator.alerts;
  }

  /** The alert rules in force. */
  get rules(): readonly AlertRule[] {
    return this.evaluator.rules;
  }

  /** Engine hook: the next event runs at `t`; record every sample time before it. */
  before(t: number): void {
    while (this.nextAt < t) this.sample(this.nextAt);
  }

  /** Engine hook: the clock moved to `now` without an event; same rule as `before`. */
  passed(now: number): void {
    while (this.nextAt < now) this.sample(this.nextAt);
  }

  /**
   * The values at time `now` without recording them (the state after the last event): for a
   * legend's "now" and for checks at the end of a run. Per-second rates read as 0.
   */
  current(now: number): Record<MetricId, number | null> {
    const saved = this.vals.slice();
    this.measure(now, false);
    const out = {} as Record<MetricId, number | null>;
    METRIC_IDS.forEach((id, i) => {
      out[id] = this.vals[i];
    });
    for (let i = 0; i < saved.length; i++) this.vals[i] = saved[i];
    return out;
  }

  /** The latest recorded value of a metric, or null before the first sample. */
  last(id: MetricId): number | null {
    const col = column(this.series, id);
    return col.length ? col[col.length - 1] : null;
  }

  private set(id: MetricId, v: number | null): void {
    this.vals[COLUMN.get(id)!] = v;
  }

  private get(id: MetricId): number {
    return this.vals[COLUMN.get(id)!] ?? 0;
  }

  private sample(b: number): void {
    this.measure(b, true);
    const { t, columns } = this.series;
    t.push(b);
    for (let i = 0; i < columns.length; i++) columns[i].push(this.vals[i]);
    this.evaluator.observe(
      b,
      (id) => this.vals[COLUMN.get(id)!] ?? 0,
      (rule) => this.involved(rule, b),
    );
    this.handled = 0;
    this.failures = 0;
    this.failedOrders = new Set();
    this.procSum = 0;
    this.procMax = 0;
    this.confirmSum = 0;
    this.confirmCount = 0;
    this.nextAt = b + this.intervalMs;
  }

  /** Fills `vals` with the state at time b. `commit` folds the dashboard checks into state. */
  private measure(b: number, commit: boolean): void {
    const s = this.s;
    const perSec = 1000 / this.intervalMs;

    // Broker: depth and the age of the oldest waiting copy, per topic.
    let depth = 0;
    let oldest = 0;
    for (const t of TOPICS) {
      this.set(`queue.depth.${t}`, 0);
      this.set(`queue.lagMs.${t}`, 0);
    }
    for (const p of s.bus.partitions()) {
      if (p.depth === 0) continue;
      depth += p.depth;
      const age = b - p.queue[0].storedAt;
      this.set(`queue.depth.${p.topic}`, this.get(`queue.depth.${p.topic}`) + p.depth);
      if (age > this.get(`queue.lagMs.${p.topic}`)) this.set(`queue.lagMs.${p.topic}`, age);
      if (age > oldest) oldest = age;
    }
    this.set('queue.depth', depth);
    this.set('queue.oldestAgeMs', oldest);

    // Consumers, over the interval since the last sample.
    const retries = this.host.counters().retries;
    this.set('consumer.handledPerSec', commit ? this.handled * perSec : 0);
    this.set('consumer.failuresPerSec', commit ? this.failures * perSec : 0);
    this.set('consumer.retriesPerSec', commit ? (retries - this.retriesAtLast) * perSec : 0);
    if (commit) this.retriesAtLast = retries;
    this.set('consumer.processingMs', this.handled ? this.procSum / this.handled : 0);
    this.set('consumer.processingMaxMs', this.procMax);

    // Infrastructure.
    let backlog = 0;
    let down = 0;
    for (const id of SERVICES) {
      const svc = s[id];
      backlog += svc.outbox.length;
      if (!svc.up) down++;
    }
    this.set('dlq.size', s.bus.dlq.length);
    this.set('outbox.backlog', backlog);
    this.set('services.down', down);

    // Business: orders per state, how long the open ones have waited, stuck ones.
    for (const st of ORDER_STATES) this.set(`orders.state.${st}`, this.stateCount.get(st)!);
    const cutoff = b - this.stuckAfterMs;
    let first = Number.POSITIVE_INFINITY;
    let stuck = 0;
    for (const placed of this.open.values()) {
      if (placed < first) first = placed;
      if (placed > cutoff) break;
      stuck++;
    }
    for (const placed of this.reopened.values()) {
      if (placed < first) first = placed;
      if (placed <= cutoff) stuck++;
    }
    let stuckPayment = 0;
    for (const placed of this.pendingPayment.values()) {
      if (placed > cutoff) break;
      stuckPayment++;
    }
    this.set('orders.open', this.open.size + this.reopened.size);
    this.set('orders.oldestPendingMs', Number.isFinite(first) ? b - first : 0);
    this.set('orders.stuck', stuck);
    this.set('orders.stuckPendingPayment', stuckPayment);
    this.set('orders.confirmMs', this.confirmCount ? this.confirmSum / this.confirmCount : null);

    // Payment says captured, the Order service still waits for payment.
    const captured: string[] = [];
    for (const id of this.pendingPayment.keys()) {
      const rows = s.payment.byOrder.get(id);
      if (rows?.some((r) => r.status === 'captured')) captured.push(id);
    }
    if (commit) this.lastCaptured = captured;
    this.set('payments.capturedNotConfirmed', captured.length);
    this.set('refunds.pending', this.stateCount.get('RefundPending')!);

    // The dashboard against the Order service: only orders touched since the last look.
    const behind = commit ? this.behind : new Map(this.behind);
    for (const [id, touched] of this.dirty) {
      const row = s.order.orders.get(id);
      if (!row) continue;
      const dash = s.analytics.rows.get(id);
      if (dash && dash.state === row.state) behind.delete(id);
      else if (!behind.has(id)) behind.set(id, touched);
    }
    if (commit) this.dirty = new Map();
    let lagSince = Number.POSITIVE_INFINITY;
    for (const since of behind.values()) if (since < lagSince) lagSince = since;
    this.set('readModel.behind', behind.size);
    this.set('readModel.oldestLagMs', Number.isFinite(lagSince) ? b - lagSince : 0);
  }

  /** The orders behind a rule's metric at time b, for an alert to link to. */
  private involved(rule: AlertRule, b: number): string[] {
    const out: string[] = [];
    const add = (id: string | null | undefined) => {
      if (id && out.length < MAX_INVOLVED && !out.includes(id)) out.push(id);
    };
    const m = rule.metric;
    if (m === 'dlq.size') {
      for (const id of this.dlqOrders) add(id);
    } else if (m === 'orders.oldestPendingMs' || m === 'orders.stuck' || m === 'orders.open') {
      const minAge = m === 'orders.oldestPendingMs' ? rule.above : m === 'orders.stuck' ? this.stuckAfterMs : 0;
      for (const [id, placed] of this.open) {
        if (b - placed < minAge || out.length >= MAX_INVOLVED) break;
        add(id);
      }
      for (const [id, placed] of this.reopened) if (b - placed >= minAge) add(id);
    } else if (m === 'orders.stuckPendingPayment') {
      for (const [id, placed] of this.pendingPayment) {
        if (b - placed < this.stuckAfterMs || out.length >= MAX_INVOLVED) break;
        add(id);
      }
    } else if (m === 'payments.capturedNotConfirmed') {
      for (const id of this.lastCaptured) add(id);
    } else if (m === 'readModel.behind' || m === 'readModel.oldestLagMs') {
      const minAge = m === 'readModel.oldestLagMs' ? rule.above : 0;
      for (const [id, since] of this.behind) if (b - since > minAge) add(id);
    } else if (m === 'consumer.failuresPerSec' || m === 'consumer.retriesPerSec') {
      for (const id of this.failedOrders) add(id);
    } else if (m.startsWith('queue.')) {
      // The messages at the heads of the slow partitions name the orders held up.
      const minAge = m.includes('lagMs') || m === 'queue.oldestAgeMs' ? rule.above : 0;
      const topic = m.startsWith('queue.depth.') ? m.slice(12) : m.startsWith('queue.lagMs.') ? m.slice(12) : null;
      for (const p of this.s.bus.partitions()) {
        if (p.depth === 0 || (topic && p.topic !== topic)) continue;
        if (b - p.queue[0].storedAt > minAge) add(p.queue[0].msg.orderId);
      }
    } else if (m === 'outbox.backlog') {
      for (const id of SERVICES) for (const row of this.s[id].outbox) add(row.msg.orderId);
    } else if (m.startsWith('orders.state.')) {
      const st = m.slice(13) as OrderState;
      for (const [id, state] of this.stateOf) if (state === st) add(id);
    }
    return out;
  }

  /** Keeps what the samples need from each trace event: O(1) per event. */
  private learn(e: TraceEvent): void {
    switch (e.kind) {
      case 'state':
        this.onState(e.orderId, e.from, e.to, e.t);
        this.dirty.set(e.orderId, e.t);
        break;
      case 'deliver':
        this.inProgress.set(`${e.msgId}>${e.to}`, e.t);
        if (e.to === 'analytics') {
          const orderId = this.s.messages.get(e.msgId)?.orderId;
          if (orderId) this.dirty.set(orderId, e.t);
        }
        break;
      case 'ack': {
        const k = `${e.msgId}>${e.to}`;
        const at = this.inProgress.get(k);
        if (at !== undefined) {
          this.inProgress.delete(k);
          const dt = e.t - at;
          this.procSum += dt;
          if (dt > this.procMax) this.procMax = dt;
        }
        this.handled++;
        break;
      }
      case 'handlerFailed': {
        this.inProgress.delete(`${e.msgId}>${e.to}`);
        this.failures++;
        const orderId = this.s.messages.get(e.msgId)?.orderId;
        if (orderId) this.failedOrders.add(orderId);
        break;
      }
      case 'deadLettered':
        if (e.orderId) this.dlqOrders.add(e.orderId);
        break;
      case 'reconcile':
        if (e.orderId) this.dirty.set(e.orderId, e.t);
        break;
    }
  }

  private onState(id: string, from: OrderState | null, to: OrderState, t: number): void {
    if (from === null) this.placedAt.set(id, t);
    if (from !== null) this.stateCount.set(from, this.stateCount.get(from)! - 1);
    this.stateCount.set(to, this.stateCount.get(to)! + 1);
    this.stateOf.set(id, to);
    if (from === 'PendingPayment') this.pendingPayment.delete(id);
    if (to === 'PendingPayment') this.pendingPayment.set(id, t);
    const wasOpen = from !== null && !TERMINAL.has(from);
    const isOpen = !TERMINAL.has(to);
    if (from === null && isOpen) this.open.set(id, t);
    else if (wasOpen && !isOpen) {
      this.open.delete(id);
      this.reopened.delete(id);
    } else if (from !== null && !wasOpen && isOpen) this.reopened.set(id, t);
    if (to === 'Confirmed') {
      this.confirmSum += t - (this.placedAt.get(id) ?? t);
      this.confirmCount++;
    }
  }
}
