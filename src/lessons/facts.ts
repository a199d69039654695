/**
 * The facts a goal may test, read from a run's report. Goals name facts by dotted path
 * ("anomalies.doubleCharge", "orders.Shipped", "faults.duplicate"), so lesson files stay
 * declarative and the list below is the whole vocabulary an author can use.
 */
import { ANOMALIES, ANOMALY_KINDS, FAULTS, ORDERING_LABELS, REMEDIES } from '../sim/catalog';
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
  const out: Record<string, string> = { 'anomalies.total': 'Anomalies of any kind', 'orders.total': 'Orders created' };
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
  return out;
}

/** Every fact name a goal may use, with its learner-facing label. */
export const FACT_LABELS: Readonly<Record<string, string>> = labels();

/** The scenario's controls after every recorded mid-run change, i.e. what was in force at the end. */
export function effectiveScenario(s: Scenario): Scenario {
  let out = s;
  for (const c of s.changes) out = withControl(out, c.path, c.value);
  return out;
}

/** Reads every fact from a report (and the scenario it ran). */
export function readFacts(report: Report): Record<string, ControlValue> {
  const s = effectiveScenario(report.scenario);
  const f: Record<string, ControlValue> = {};
  let total = 0;
  for (const k of ANOMALY_KINDS) {
    const n = report.anomalies[k]?.count ?? 0;
    f[`anomalies.${k}`] = n;
    total += n;
  }
  f['anomalies.total'] = total;
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
  return f;
}

/** Shows a fact value the way a learner reads it (ordering names, yes/no for switches). */
export function showValue(fact: string, v: ControlValue): string {
  if (fact === 'remedies.ordering' && typeof v === 'string' && v in ORDERING_LABELS) {
    return ORDERING_LABELS[v as keyof typeof ORDERING_LABELS];
  }
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (typeof v === 'number' && fact.startsWith('faults.') && FAULTS[fact.slice(7) as keyof typeof FAULTS]?.kind === 'probability') {
    return `${Math.round(v * 100)}%`;
  }
  if (typeof v === 'number' && /Ms$/.test(fact)) return `${v} ms`;
  if (typeof v === 'number' && fact === 'workload.cancelRatio') return `${Math.round(v * 100)}%`;
  return String(v);
}
