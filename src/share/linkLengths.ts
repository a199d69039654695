/**
 * Link lengths of the ready-made scenarios, for `npm run bench:links` and the length test:
 * a typical link must stay well under 2,000 characters (what chat apps, slides and some
 * browsers handle without trouble).
 */
import type { Scenario } from '../sim/types';
import { buildLink } from './encode';

/** The base the lengths are measured against: a plausible deployed address. */
export const SAMPLE_BASE = 'https://eventually.example.org/play/';

/** One measured link. */
export interface LinkLength {
  name: string;
  chars: number;
  link: string;
}

/** Measures the link of a scenario as the playground would share it mid-run, with a selection. */
export function measureLink(name: string, scenario: Scenario): LinkLength {
  const link = buildLink(SAMPLE_BASE, { scenario, playhead: 1834.25, events: 412, selectedOrder: 'o12', selectedMessage: 'm187', allow: null });
  return { name, chars: link.length, link };
}

/** A plain-text table of measurements. */
export function formatLengths(rows: readonly LinkLength[]): string {
  const w = Math.max(...rows.map((r) => r.name.length));
  return rows.map((r) => `${r.name.padEnd(w)}  ${String(r.chars).padStart(5)} chars`).join('\n');
}
