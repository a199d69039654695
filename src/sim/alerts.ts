/**
 * Alert rules over metrics, and their evaluation: a rule fires once its metric has stayed above
 * a threshold for a while, and resolves at the first sample where it no longer is — the way
 * Prometheus-style alerting treats a scraped series. Pure and deterministic: the evaluator sees
 * only sample times and values, so the same samples always give the same alerts.
 */
import { column, isMetricId, METRIC_IDS, type MetricId, type MetricSeries } from './metricCatalog';

/** Most order ids one alert keeps (the metric itself keeps the exact count). */
export const MAX_INVOLVED = 50;

/** While an alert fires, how often (virtual ms) it looks for more orders to name. */
const RECHECK_MS = 500;

/** How loudly an alert rings. */
export type AlertSeverity = 'warning' | 'critical';

/** One rule. Thresholds are data, so a scenario or a lesson can tune them. */
export interface AlertRule {
  /** Stable id, e.g. "dlq-not-empty". */
  id: string;
  /** What the on-call engineer reads. */
  title: string;
  metric: MetricId;
  /** Fires when the metric is strictly above this value… */
  above: number;
  /** …at every sample for at least this long (virtual ms; 0 = at the first such sample). */
  forMs: number;
  severity: AlertSeverity;
}

/** One firing of a rule, from when it fired to when it resolved (null while still firing). */
export interface Alert {
  /** Unique within a run: rule id and firing number, e.g. "dlq-not-empty#1". */
  id: string;
  ruleId: string;
  title: string;
  severity: AlertSeverity;
  metric: MetricId;
  threshold: number;
  firedAt: number;
  resolvedAt: number | null;
  /** The metric's value when it fired, and the highest value while firing. */
  value: number;
  peak: number;
  /** Orders behind the alert (first ones found, capped), for linking. */
  orderIds: string[];
}

/**
 * Defaults sized to this playground's clock: an order normally settles in about 0.2 s and
 * within 4 s even with every fault and remedy on, so "open for more than 5 s" already means
 * something is wrong (a real shop might say 30 minutes — the ratio is what matters).
 */
export const DEFAULT_ALERT_RULES: AlertRule[] = [
  { id: 'dlq-not-empty', title: 'Dead-letter queue is not empty', metric: 'dlq.size', above: 0, forMs: 0, severity: 'critical' },
  { id: 'paid-not-moving', title: 'Payment captured, order still waiting', metric: 'payments.capturedNotConfirmed', above: 0, forMs: 1000, severity: 'critical' },
  { id: 'order-open-too-long', title: 'An order has been open for more than 5 s', metric: 'orders.oldestPendingMs', above: 5000, forMs: 0, severity: 'warning' },
  { id: 'queue-stalled', title: 'A message has waited more than 2 s', metric: 'queue.oldestAgeMs', above: 2000, forMs: 0, severity: 'warning' },
  { id: 'failure-storm', title: 'Handlers keep failing', metric: 'consumer.failuresPerSec', above: 20, forMs: 300, severity: 'warning' },
  { id: 'dashboard-behind', title: 'Dashboard more than 3 s behind', metric: 'readModel.oldestLagMs', above: 3000, forMs: 0, severity: 'warning' },
];

/** Evaluates rules sample by sample. The metrics recorder drives one per run. */
export class AlertEvaluator {
  readonly rules: readonly AlertRule[];
  /** Every firing so far, in firing order. Entries are updated in place; see `version`. */
  readonly alerts: Alert[] = [];
  /** Bumped whenever an alert fires, resolves or gains orders. */
  version = 0;
  private readonly since = new Map<string, number>();
  private readonly active = new Map<string, Alert>();
  private readonly fired = new Map<string, number>();
  /** When each firing alert last looked for orders. */
  private readonly checked = new Map<string, number>();

  constructor(rules: readonly AlertRule[]) {
    this.rules = rules;
  }

  /**
   * One sample at time t. `read` gives a metric's value; `involved` names the orders behind a
   * rule right now (asked when it fires and while it stays firing).
   */
  observe(t: number, read: (m: MetricId) => number, involved: (r: AlertRule) => string[] = () => []): void {
    for (const rule of this.rules) {
      const v = read(rule.metric);
      const active = this.active.get(rule.id);
      if (!(v > rule.above)) {
        this.since.delete(rule.id);
        if (active) {
          active.resolvedAt = t;
          this.active.delete(rule.id);
          this.version++;
        }
        continue;
      }
      if (active) {
        if (v > active.peak) active.peak = v;
        // Naming orders is the costly part of a sample, so a firing alert looks again only now and then.
        if (active.orderIds.length < MAX_INVOLVED && t - (this.checked.get(rule.id) ?? t) >= RECHECK_MS) {
          this.checked.set(rule.id, t);
          const before = active.orderIds.length;
          for (const id of involved(rule)) if (active.orderIds.length < MAX_INVOLVED && !active.orderIds.includes(id)) active.orderIds.push(id);
          if (active.orderIds.length !== before) this.version++;
        }
        continue;
      }
      let since = this.since.get(rule.id);
      if (since === undefined) {
        since = t;
        this.since.set(rule.id, t);
      }
      if (t - since < rule.forMs) continue;
      const n = (this.fired.get(rule.id) ?? 0) + 1;
      this.fired.set(rule.id, n);
      const alert: Alert = {
        id: `${rule.id}#${n}`,
        ruleId: rule.id,
        title: rule.title,
        severity: rule.severity,
        metric: rule.metric,
        threshold: rule.above,
        firedAt: t,
        resolvedAt: null,
        value: v,
        peak: v,
        orderIds: involved(rule).slice(0, MAX_INVOLVED),
      };
      this.alerts.push(alert);
      this.active.set(rule.id, alert);
      this.checked.set(rule.id, t);
      this.version++;
    }
  }
}

/** Evaluates rules over recorded series (no order links): for tests and "what if" thresholds. */
export function evaluateAlerts(series: MetricSeries, rules: readonly AlertRule[]): Alert[] {
  const ev = new AlertEvaluator(rules);
  const cols = new Map(rules.map((r) => [r.metric, column(series, r.metric)]));
  series.t.forEach((t, i) => {
    ev.observe(t, (m) => cols.get(m)?.[i] ?? 0);
  });
  return ev.alerts;
}

/** Reports a problem with one field of the input. */
export type Fail = (field: string, problem: string) => never;

const failPlain: Fail = (field, problem) => {
  throw new Error(`${field}: ${problem}`);
};

const RULE_KEYS = ['id', 'title', 'metric', 'above', 'forMs', 'severity'];

/**
 * Validates a scenario's `alerts` list (untrusted input). Missing `title` defaults to a
 * description of the condition, `forMs` to 0 and `severity` to "warning". Pass `fail` to
 * throw the caller's own error type (e.g. ScenarioError).
 */
export function parseAlertRules(input: unknown, fail: Fail = failPlain): AlertRule[] {
  if (!Array.isArray(input)) fail('alerts', 'must be a list of rules');
  const list = input as unknown[];
  if (list.length > 50) fail('alerts', `at most 50 rules, got ${list.length}`);
  const seen = new Set<string>();
  return list.map((raw, i) => {
    const f = `alerts[${i}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(f, 'must be an object');
    const r = raw as Record<string, unknown>;
    for (const k of Object.keys(r)) if (!RULE_KEYS.includes(k)) fail(`${f}.${k}`, `unknown field; allowed here: ${RULE_KEYS.join(', ')}`);
    if (typeof r.id !== 'string' || !/^[a-z0-9][a-z0-9-]{0,40}$/.test(r.id)) fail(`${f}.id`, 'must be a short lower-case id like "dlq-not-empty"');
    const id = r.id as string;
    if (seen.has(id)) fail(`${f}.id`, `"${id}" is used twice`);
    seen.add(id);
    if (typeof r.metric !== 'string' || !isMetricId(r.metric)) fail(`${f}.metric`, `must be one of ${METRIC_IDS.join(', ')}`);
    const metric = r.metric as MetricId;
    const above = r.above;
    if (typeof above !== 'number' || !Number.isFinite(above)) fail(`${f}.above`, 'must be a number');
    const forMs = r.forMs ?? 0;
    if (typeof forMs !== 'number' || !Number.isFinite(forMs) || forMs < 0 || forMs > 86_400_000) fail(`${f}.forMs`, 'must be between 0 and 86400000');
    const severity = r.severity ?? 'warning';
    if (severity !== 'warning' && severity !== 'critical') fail(`${f}.severity`, 'must be "warning" or "critical"');
    const title = r.title ?? `${metric} above ${above}`;
    if (typeof title !== 'string' || title.length > 120) fail(`${f}.title`, 'must be a text of at most 120 characters');
    return { id, title: title as string, metric, above: above as number, forMs: forMs as number, severity: severity as AlertSeverity };
  });
}
