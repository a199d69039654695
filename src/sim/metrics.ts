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
import { type Alert, AlertEvaluator, type AlertRule, DEFAULT_ALERT_RULES, MAX_INVOLVED } from './alerts';
import { SERVICES } from './api';
import { TERMINAL } from './machines/orderMachine';
import { column, columnIndex, METRIC_IDS, type MetricId, type MetricSeries, ORDER_STATES, TOPICS } from './metricCatalog';
import type { OrderState, Report, Scenario, ServiceId, Topic, TraceEvent } from './types';
import type { Services } from './world';

export * from './metricCatalog';

/** Default sample interval in virtual ms. */
export const METRIC_INTERVAL_MS = 100;

/** Window of the rolling "time to confirm" mean. */
const CONFIRM_WINDOW_MS = 1000;

const DEPTH_COL = new Map<Topic, number>(TOPICS.map((t) => [t, columnIndex(`queue.depth.${t}`)]));
const LAG_COL = new Map<Topic, number>(TOPICS.map((t) => [t, columnIndex(`queue.lagMs.${t}`)]));
/** Columns measured over the interval since the last sample. */
const INTERVAL_COLS = (['consumer.handledPerSec', 'consumer.failuresPerSec', 'consumer.retriesPerSec', 'consumer.processingMs', 'consumer.processingMaxMs'] as MetricId[]).map(columnIndex);

/**
 * Most samples kept. A longer run halves its resolution (keeps every other sample and doubles
 * the interval), so a 24-hour scenario can't fill memory; 20,000 samples at 100 ms is 33 minutes.
 */
export const MAX_SAMPLES = 20_000;

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
  /** The engine's live counters (read, never copied). */
  counters(): Readonly<Report['metrics']>;
}

/** Records metrics and evaluates alerts for one simulation. Created by the engine. */
export class MetricsRecorder {
  /** Current sample interval (grows when a long run is thinned out; see MAX_SAMPLES). */
  intervalMs: number;
  readonly series: MetricSeries;
  private readonly evaluator: AlertEvaluator;
  private readonly s: Services;
  private readonly stuckAfterMs: number;
  private nextAt = 0;
  private lastSampleAt = 0;
  /** Values of the sample being built (reused). */
  private readonly vals: (number | null)[] = METRIC_IDS.map(() => 0);

  // ——— state kept from the trace ———
  /** Open orders by id → placedAt, in creation order (so the first is the oldest). */
  private readonly open = new Map<string, number>();
  /** Orders that left a final state again (a late refund): few, scanned in full. */
  private readonly reopened = new Map<string, number>();
  private readonly pendingPayment = new Map<string, number>();
  /** Orders in PendingPayment the provider has been asked to charge: the only ones Payment can show as captured. */
  private readonly pendingCharged = new Set<string>();
  private readonly placedAt = new Map<string, number>();
  private readonly stateOf = new Map<string, OrderState>();
  private readonly stateCount = new Map<OrderState, number>(ORDER_STATES.map((s) => [s, 0]));
  /** Deliveries in progress per consumer: message id → delivered at (no string keys to build). */
  private slotMsg: string | null = null;
  private slotTo: ServiceId = 'order';
  private slotT = 0;
  private readonly inProgress = Object.fromEntries(SERVICES.map((id) => [id, new Map<string, number>()])) as Record<ServiceId, Map<string, number>>;
  private readonly dlqOrders = new Set<string>();
  /** Orders whose dashboard row may have changed since the last sample, with the latest touch. */
  private readonly dirty = new Map<string, number>();
  /** Orders whose dashboard row differs from the Order service → since when. */
  private readonly behind = new Map<string, number>();

  // ——— per-interval accumulators ———
  private handled = 0;
  private failures = 0;
  private readonly failedOrders = new Set<string>();
  private procSum = 0;
  private procCount = 0;
  private procMax = 0;
  /** Recent confirmations (time, how long it took), for a rolling one-second mean. */
  private readonly confirms: { t: number; ms: number }[] = [];
  private confirmHead = 0;
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
    // Catch up on anything emitted before the recorder existed; the engine then calls `learn` live
    // (a direct call, not a subscribed closure, so a checkpoint can copy the recorder).
    for (const e of host.trace) this.learn(e);
  }

  /** Alerts fired so far (firing ones have `resolvedAt: null`). */
  get alerts(): readonly Alert[] {
    return this.evaluator.alerts;
  }

  /** Changes whenever an alert fires, resolves or names more orders. */
  get alertsVersion(): number {
    return this.evaluator.version;
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
   * chart's point at the playhead and for checks at the end of a run. Metrics measured over an
   * interval (rates, processing time) repeat the last sample, since their interval isn't over.
   */
  current(now: number): Record<MetricId, number | null> {
    const out = {} as Record<MetricId, number | null>;
    const row = this.currentRow(now);
    METRIC_IDS.forEach((id, i) => {
      out[id] = row[i];
    });
    return out;
  }

  /** `current` as one value per column, in `METRIC_IDS` order. */
  currentRow(now: number): (number | null)[] {
    const saved = this.vals.slice();
    this.measure(now, false);
    const row = this.vals.slice();
    for (let i = 0; i < saved.length; i++) this.vals[i] = saved[i];
    for (const i of INTERVAL_COLS) {
      const col = this.series.columns[i];
      row[i] = col.length ? col[col.length - 1] : 0;
    }
    return row;
  }

  /** The latest recorded value of a metric, or null before the first sample. */
  last(id: MetricId): number | null {
    const col = column(this.series, id);
    return col.length ? col[col.length - 1] : null;
  }

  private set(id: MetricId, v: number | null): void {
    this.vals[columnIndex(id)] = v;
  }

  private sample(b: number): void {
    this.measure(b, true);
    const { t, columns } = this.series;
    t.push(b);
    for (let i = 0; i < columns.length; i++) columns[i].push(this.vals[i]);
    this.lastSampleAt = b;
    this.evaluator.observe(
      b,
      (id) => this.vals[columnIndex(id)] ?? 0,
      (rule) => this.involved(rule, b),
    );
    this.handled = 0;
    this.failures = 0;
    this.failedOrders.clear();
    this.procSum = 0;
    this.procCount = 0;
    this.procMax = 0;
    this.nextAt = b + this.intervalMs;
    if (t.length > MAX_SAMPLES) this.thin();
  }

  /** Keeps every other sample and doubles the interval. */
  private thin(): void {
    const keep = (xs: unknown[]) => {
      let k = 0;
      for (let i = 0; i < xs.length; i += 2) xs[k++] = xs[i];
      xs.length = k;
    };
    keep(this.series.t);
    for (const c of this.series.columns) keep(c);
    this.intervalMs *= 2;
    this.series.intervalMs = this.intervalMs;
    this.nextAt = this.series.t[this.series.t.length - 1] + this.intervalMs;
  }

  /** Fills `vals` with the state at time b. `commit` folds the dashboard checks into state. */
  private measure(b: number, commit: boolean): void {
    const s = this.s;
    // Rates over the time since the previous sample (one interval, except right after thinning).
    const perSec = 1000 / Math.max(1, b - this.lastSampleAt || this.intervalMs);

    // Broker: depth and the age of the oldest waiting copy, per topic.
    let depth = 0;
    let oldest = 0;
    const vals = this.vals;
    for (const t of TOPICS) {
      vals[DEPTH_COL.get(t)!] = 0;
      vals[LAG_COL.get(t)!] = 0;
    }
    for (const p of s.bus.partitions()) {
      if (p.depth === 0) continue;
      depth += p.depth;
      const age = b - p.queue.at(0)!.storedAt;
      const dc = DEPTH_COL.get(p.topic)!;
      const lc = LAG_COL.get(p.topic)!;
      vals[dc] = (vals[dc] ?? 0) + p.depth;
      if (age > (vals[lc] ?? 0)) vals[lc] = age;
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
    this.set('consumer.processingMs', this.procCount ? this.procSum / this.procCount : 0);
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
    // Mean over the last second: per-interval means would mostly be empty at a few orders a second.
    let head = this.confirmHead;
    while (head < this.confirms.length && this.confirms[head].t <= b - CONFIRM_WINDOW_MS) head++;
    let sum = 0;
    for (let k = head; k < this.confirms.length; k++) sum += this.confirms[k].ms;
    const recent = this.confirms.length - head;
    if (commit) {
      this.confirmHead = head;
      if (head > 1024) {
        this.confirms.splice(0, head);
        this.confirmHead = 0;
      }
    }
    this.set('orders.confirmMs', recent ? sum / recent : null);

    // Payment says captured, the Order service still waits for payment.
    const captured: string[] = [];
    for (const id of this.pendingCharged) {
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
    if (commit) this.dirty.clear();
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
        if (b - p.queue.at(0)!.storedAt > minAge) add(p.queue.at(0)!.msg.orderId);
      }
    } else if (m === 'outbox.backlog') {
      for (const id of SERVICES) for (const row of this.s[id].outbox) add(row.msg.orderId);
    } else if (m.startsWith('orders.state.')) {
      const st = m.slice(13) as OrderState;
      for (const [id, state] of this.stateOf) if (state === st) add(id);
    }
    return out;
  }

  /** Engine hook: one trace event, as it happens; keeps what the samples need, O(1) per event. */
  learn(e: TraceEvent): void {
    switch (e.kind) {
      case 'state':
        this.onState(e.orderId, e.from, e.to, e.t);
        this.dirty.set(e.orderId, e.t);
        break;
      case 'deliver':
        // Most handlers ack within the same step, so the latest delivery waits in one slot and
        // only one still open when the next arrives goes into the map.
        if (this.slotMsg !== null) this.inProgress[this.slotTo].set(this.slotMsg, this.slotT);
        this.slotMsg = e.msgId;
        this.slotTo = e.to;
        this.slotT = e.t;
        if (e.to === 'analytics') {
          const orderId = this.s.messages.get(e.msgId)?.orderId;
          if (orderId) this.dirty.set(orderId, e.t);
        }
        break;
      case 'ack': {
        let at: number | undefined;
        if (e.msgId === this.slotMsg && e.to === this.slotTo) {
          at = this.slotT;
          this.slotMsg = null;
        } else {
          const open = this.inProgress[e.to];
          at = open.get(e.msgId);
          if (at !== undefined) open.delete(e.msgId);
        }
        if (at !== undefined) {
          const dt = e.t - at;
          this.procSum += dt;
          this.procCount++;
          if (dt > this.procMax) this.procMax = dt;
        }
        this.handled++;
        break;
      }
      case 'handlerFailed': {
        if (e.msgId === this.slotMsg && e.to === this.slotTo) this.slotMsg = null;
        else this.inProgress[e.to].delete(e.msgId);
        this.failures++;
        const orderId = this.s.messages.get(e.msgId)?.orderId;
        if (orderId) this.failedOrders.add(orderId);
        break;
      }
      case 'charge':
        if (this.pendingPayment.has(e.orderId)) this.pendingCharged.add(e.orderId);
        break;
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
    if (from === 'PendingPayment') {
      this.pendingPayment.delete(id);
      this.pendingCharged.delete(id);
    }
    if (to === 'PendingPayment') this.pendingPayment.set(id, t);
    const wasOpen = from !== null && !TERMINAL.has(from);
    const isOpen = !TERMINAL.has(to);
    if (from === null && isOpen) this.open.set(id, t);
    else if (wasOpen && !isOpen) {
      this.open.delete(id);
      this.reopened.delete(id);
    } else if (from !== null && !wasOpen && isOpen) this.reopened.set(id, this.placedAt.get(id) ?? t);
    if (to === 'Confirmed') this.confirms.push({ t, ms: t - (this.placedAt.get(id) ?? t) });
  }
}
