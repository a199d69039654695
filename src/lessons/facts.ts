/**
 * The facts a goal may test, read from a run's report and, when the run recorded them, its
 * metrics and alerts. Goals name facts by dotted path ("anomalies.doubleCharge",
 * "orders.Shipped", "faults.duplicate", "metrics.max.readModel.oldestLagMs",
 * "alerts.fired.dlq-not-empty"), so lesson files stay declarative and the list below is the
 * whole vocabulary an author can use.
 */
import { type Alert, type AlertRule, DEFAULT_ALERT_RULES } from '../sim/alerts';
import { ANOMALIES, ANOMALY_KINDS, FAULTS, ORDERING_LABELS, REMEDIES, VISIBLE_NOT_HEALED } from '../sim/catalog';
import { column, isMetricId, METRIC_IDS, METRICS as METRIC_INFO, type MetricId, type MetricSeries } from '../sim/metricCatalog';
import { DEFAULT_FAULTS, DEFAULT_REMEDIES, withControl } from '../sim/scenario';
import type { Healed, OrderState, Report, Scenario, Workload } from '../sim/types';
import type { ControlValue } from './types';

const ORDER_STATES: OrderState[] = [
  'PendingPayment',
  'PaymentAuthorized',
  'Confirmed',
  'Shipped',
  'Cancelled',
  'RefundPending',
  'Refunded',
  'RequiresManualReview',
];

const HEALED: Record<keyof Healed, string> = {
  duplicatesAbsorbed: 'Duplicates absorbed',
  republished: 'Events republished from the outbox',
  buffered: 'Early messages held back',
  compensated: 'Compensations run',
  reconciled: 'Repairs by reconciliation',
  deadLettered: 'Messages dead-lettered',
};
const LEDGER = { charged: 'Money charged', refunded: 'Money refunded', charges: 'Charges made', refunds: 'Refunds made' };
const STOCK = { initial: 'Stock at start', available: 'Stock available', reserved: 'Stock reserved', shipped: 'Units shipped' };
const WORKLOAD: Record<keyof Workload, string> = {
  orders: 'Orders placed by customers',
  intervalMs: 'Time between orders',
  quantity: 'Units per order',
  price: 'Price per order',
  cancelRatio: 'Share of customers who cancel',
  cancelAfterMs: 'Time before a customer cancels',
};
const METRICS = {
  published: 'Messages published',
  delivered: 'Deliveries',
  dropped: 'Publishes dropped',
  duplicated: 'Duplicate deliveries',
  crashes: 'Service crashes',
  retries: 'Retries',
  emails: 'Emails sent',
  events: 'Trace events',
};

function labels(): Record<string, string> {
  const out: Record<string, string> = {
    'anomalies.total': 'Anomalies of any kind',
    'anomalies.healable': 'Anomalies a remedy could have prevented (all but those left visible, not healed)',
    'orders.total': 'Orders created',
  };
  for (const k of ANOMALY_KINDS) out[`anomalies.${k}`] = `${ANOMALIES[k].title} anomalies`;
  for (const s of ORDER_STATES) out[`orders.${s}`] = `Orders ending ${s}`;
  for (const [k, v] of Object.entries(HEALED)) out[`healed.${k}`] = v;
  for (const [k, v] of Object.entries(LEDGER)) out[`ledger.${k}`] = v;
  for (const [k, v] of Object.entries(STOCK)) out[`stock.${k}`] = v;
  for (const [k, v] of Object.entries(METRICS)) out[`metrics.${k}`] = v;
  for (const k of Object.keys(DEFAULT_FAULTS) as (keyof typeof FAULTS)[]) out[`faults.${k}`] = FAULTS[k].label;
  for (const k of Object.keys(DEFAULT_REMEDIES) as (keyof typeof REMEDIES)[]) out[`remedies.${k}`] = REMEDIES[k].label;
  for (const [k, v] of Object.entries(WORKLOAD)) out[`workload.${k}`] = v;
  out['inventory.stock'] = 'Stock in the warehouse';
  out.quiescent = 'Run settled';
  // Signals: what the metrics recorder and the alert rules saw during the same run.
  for (const id of METRIC_IDS) {
    out[`metrics.max.${id}`] = `Highest ${metricName(id)}`;
    out[`metrics.end.${id}`] = `${capitalise(metricName(id))} at the end`;
  }
  out['alerts.total'] = 'Alerts fired (any rule)';
  for (const r of DEFAULT_ALERT_RULES) {
    out[`alerts.fired.${r.id}`] = `Times "${r.title}" fired`;
    out[`alerts.firing.${r.id}`] = `"${r.title}" still firing at the end`;
  }
  out['answer.correct'] = "Your answer to the lesson's question";
  return out;
}

function metricName(id: MetricId): string {
  const m = METRIC_INFO[id];
  // Per-state and per-topic series are labelled by their state or topic alone.
  if (id.startsWith('orders.state.')) return `orders in ${m.label}`;
  if (id.startsWith('queue.depth.')) return `messages waiting on ${m.label}`;
  if (id.startsWith('queue.lagMs.')) return `consumer lag on ${m.label}`;
  return m.label.charAt(0).toLowerCase() + m.label.slice(1);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const ALERT_FACT = /^alerts\.(fired|firing)\.([a-z0-9][a-z0-9-]{0,40})$/;

/** Every fact name a goal may use, with its learner-facing label (alert facts: for the default rules). */
export const FACT_LABELS: Readonly<Record<string, string>> = labels();

/**
 * True if a goal may name `fact`. Besides `FACT_LABELS`, alert facts may name any rule id, since
 * a lesson's scenario can bring its own rules (`parseLesson` checks the rule exists there).
 */
export function isKnownFact(fact: string): boolean {
  return fact in FACT_LABELS || ALERT_FACT.test(fact);
}

/** The alert rule id an `alerts.fired.<id>` or `alerts.firing.<id>` fact names, else null. */
export function alertRuleOf(fact: string): string | null {
  return ALERT_FACT.exec(fact)?.[2] ?? null;
}

/** The learner-facing label of a fact; alert facts use the rule's title when the rules are given. */
export function factLabel(fact: string, rules: readonly AlertRule[] = DEFAULT_ALERT_RULES): string {
  const m = ALERT_FACT.exec(fact);
  if (m) {
    const title = rules.find((r) => r.id === m[2])?.title ?? m[2];
    return m[1] === 'fired' ? `Times "${title}" fired` : `"${title}" still firing at the end`;
  }
  return FACT_LABELS[fact] ?? fact;
}

/**
 * Facts an on-call engineer could know without the simulation's ground truth: the signals
 * (metrics, alerts), the remedies they switched on, the workload, the learner's own answer. A
 * signals-only lesson shows the value of these and hides the rest (anomalies, order outcomes,
 * the money ledger, stock, fault settings) until the lesson is done.
 */
export function isSignalFact(fact: string): boolean {
  return (
    fact.startsWith('metrics.max.') ||
    fact.startsWith('metrics.end.') ||
    fact.startsWith('alerts.') ||
    fact.startsWith('answer.') ||
    fact.startsWith('remedies.') ||
    fact.startsWith('workload.') ||
    fact === 'inventory.stock' ||
    fact === 'quiescent'
  );
}

/** What the metrics recorder saw during a run, frozen at one moment (the end, or the playhead). */
export interface SignalSnapshot {
  series: MetricSeries;
  /** The value of every metric at that moment, in `METRIC_IDS` order (null: no value). */
  now: readonly (number | null)[];
  alerts: readonly Alert[];
  rules: readonly AlertRule[];
}

/** Everything beyond the report that facts can come from. */
export interface FactSources {
  /** The same run's metrics and alerts; without them, signal facts are unknown (never met). */
  signals?: SignalSnapshot | null;
  /** Whether the learner answered the lesson's question right (absent: not answered). */
  answerCorrect?: boolean;
}

function readSignals(f: Record<string, ControlValue>, sig: SignalSnapshot): void {
  METRIC_IDS.forEach((id, i) => {
    const now = sig.now[i] ?? 0;
    let max = now;
    for (const v of column(sig.series, id)) if (v !== null && v > max) max = v;
    f[`metrics.max.${id}`] = max;
    f[`metrics.end.${id}`] = now;
  });
  f['alerts.total'] = sig.alerts.length;
  for (const r of sig.rules) {
    f[`alerts.fired.${r.id}`] = 0;
    f[`alerts.firing.${r.id}`] = false;
  }
  for (const a of sig.alerts) {
    f[`alerts.fired.${a.ruleId}`] = ((f[`alerts.fired.${a.ruleId}`] as number | undefined) ?? 0) + 1;
    if (a.resolvedAt === null) f[`alerts.firing.${a.ruleId}`] = true;
  }
}

/** The scenario's controls after every recorded mid-run change, i.e. what was in force at the end. */
export function effectiveScenario(s: Scenario): Scenario {
  let out = s;
  // What-ifs change one message, not a setting.
  for (const c of s.changes) if (c.whatIf === undefined) out = withControl(out, c.path, c.value);
  return out;
}

/** Reads every fact from a report (and the scenario it ran), plus signals and the answer when given. */
export function readFacts(report: Report, sources: FactSources = {}): Record<string, ControlValue> {
  const s = effectiveScenario(report.scenario);
  const f: Record<string, ControlValue> = {};
  let total = 0;
  let healable = 0;
  for (const k of ANOMALY_KINDS) {
    const n = report.anomalies[k]?.count ?? 0;
    f[`anomalies.${k}`] = n;
    total += n;
    if (!VISIBLE_NOT_HEALED.has(k)) healable += n;
  }
  f['anomalies.total'] = total;
  f['anomalies.healable'] = healable;
  for (const st of ORDER_STATES) f[`orders.${st}`] = 0;
  for (const o of report.orders) f[`orders.${o.state}`] = (f[`orders.${o.state}`] as number) + 1;
  f['orders.total'] = report.orders.length;
  for (const k of Object.keys(HEALED) as (keyof Healed)[]) f[`healed.${k}`] = report.healed[k];
  for (const k of Object.keys(LEDGER) as (keyof Report['ledger'])[]) f[`ledger.${k}`] = report.ledger[k];
  for (const k of Object.keys(STOCK) as (keyof Report['stock'])[]) f[`stock.${k}`] = report.stock[k];
  for (const k of Object.keys(METRICS) as (keyof Report['metrics'])[]) f[`metrics.${k}`] = report.metrics[k];
  for (const [k, v] of Object.entries(s.faults)) f[`faults.${k}`] = v;
  for (const [k, v] of Object.entries(s.remedies)) f[`remedies.${k}`] = v;
  for (const [k, v] of Object.entries(s.workload)) f[`workload.${k}`] = v;
  f['inventory.stock'] = s.inventory.stock;
  f.quiescent = report.quiescent;
  if (sources.signals) readSignals(f, sources.signals);
  f['answer.correct'] = sources.answerCorrect === true;
  return f;
}

/** Shows a fact value the way a learner reads it (ordering names, yes/no for switches). */
export function showValue(fact: string, v: ControlValue): string {
  if (fact === 'remedies.ordering' && typeof v === 'string' && v in ORDERING_LABELS) {
    return ORDERING_LABELS[v as keyof typeof ORDERING_LABELS];
  }
  if (fact === 'answer.correct' && typeof v === 'boolean') return v ? 'right' : 'not yet';
  if (fact.startsWith('alerts.firing.') && typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (typeof v === 'number' && (fact.startsWith('metrics.max.') || fact.startsWith('metrics.end.'))) {
    const id = fact.slice(12);
    const unit = isMetricId(id) ? METRIC_INFO[id].unit : 'count';
    const n = Math.round(v * 10) / 10;
    return unit === 'ms' ? `${Math.round(v)} ms` : unit === 'perSec' ? `${n}/s` : String(n);
  }
  if (typeof v === 'number' && fact.startsWith('faults.') && FAULTS[fact.slice(7) as keyof typeof FAULTS]?.kind === 'probability') {
    return `${Math.round(v * 100)}%`;
  }
  if (typeof v === 'number' && /Ms$/.test(fact)) return `${v} ms`;
  if (typeof v === 'number' && fact === 'workload.cancelRatio') return `${Math.round(v * 100)}%`;
  return String(v);
}
