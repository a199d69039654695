/**
 * Report formatting for the terminal and for JSON consumers.
 */
import { ANOMALIES, ANOMALY_KINDS } from '../sim/catalog';
import type { Report } from '../sim/types';

/** The JSON report: the engine's report minus the echoed scenario's bulk. */
export function jsonReport(r: Report): Omit<Report, 'scenario'> & { scenario: { name?: string; seed: number } } {
  const { scenario, ...rest } = r;
  return { scenario: { name: scenario.name, seed: scenario.seed }, ...rest };
}

/** A readable report. */
export function formatReport(r: Report): string {
  const lines: string[] = [];
  const byState = new Map<string, number>();
  for (const o of r.orders) byState.set(o.state, (byState.get(o.state) ?? 0) + 1);
  lines.push(`Eventually — ${r.scenario.name ?? 'scenario'} (seed ${r.scenario.seed})`);
  const how = r.quiescent ? '(settled)' : r.stoppedEarly ? '(stopped: event budget used up)' : '(time limit reached, still busy)';
  lines.push(`trace ${r.traceHash}   ended at ${(r.endTimeMs / 1000).toFixed(3)} s ${how}`);
  if (r.stoppedEarly) lines.push(r.stoppedEarly.message);
  for (const w of r.skippedWhatIfs ?? []) lines.push(`what-if skipped: ${w.field}: ${w.problem}`);
  lines.push('');
  lines.push(`Orders: ${r.orders.length}   ${[...byState].map(([s, n]) => `${s} ${n}`).join(' · ')}`);
  lines.push(`Money: charged ${r.ledger.charged} in ${r.ledger.charges} charges, refunded ${r.ledger.refunded} in ${r.ledger.refunds}`);
  lines.push(`Stock: ${r.stock.available} available of ${r.stock.initial}, ${r.stock.reserved} reservations, ${r.stock.shipped} shipped`);
  lines.push('');
  const kinds = ANOMALY_KINDS.filter((k) => r.anomalies[k].count > 0);
  if (kinds.length === 0) lines.push('Anomalies: none');
  else {
    lines.push('Anomalies:');
    for (const k of kinds) lines.push(`  ${ANOMALIES[k].title.padEnd(22)} ${String(r.anomalies[k].count).padStart(4)}   ${r.anomalies[k].orders.slice(0, 8).join(', ')}${r.anomalies[k].orders.length > 8 ? ', …' : ''}`);
    lines.push('');
    for (const a of r.anomalyList.slice(0, 10)) lines.push(`  - ${a.explanation}`);
    if (r.anomalyList.length > 10) lines.push(`  … and ${r.anomalyList.length - 10} more (use --json for all)`);
  }
  lines.push('');
  const h = r.healed;
  lines.push(`Healed: ${h.duplicatesAbsorbed} duplicates absorbed, ${h.republished} republished, ${h.buffered} buffered, ${h.compensated} compensations, ${h.reconciled} reconciled, ${h.deadLettered} dead-lettered`);
  const m = r.metrics;
  lines.push(`Bus: ${m.published} published, ${m.delivered} delivered, ${m.dropped} dropped, ${m.duplicated} duplicated, ${m.crashes} crashes, ${m.retries} retries, ${m.emails} emails`);
  return lines.join('\n');
}
