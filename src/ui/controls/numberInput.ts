/**
 * Reading what a learner typed into a number field. Nothing fails silently: a value outside the
 * allowed range is clamped and said so, text that is not a number is refused and said so, and
 * every message names the range.
 */

/** What a field accepts. */
export interface NumberRule {
  /** The field's name as the learner sees it, e.g. "Orders". */
  label: string;
  min: number;
  max: number;
  integer: boolean;
  /** Shown after numbers, e.g. " ms" or "%". */
  unit?: string;
}

/** The outcome of reading a field: a value to use (maybe adjusted, with why), or a refusal. */
export type NumberReading = { ok: true; value: number; message: string | null } | { ok: false; message: string };

const fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/** A number as the fields show it: thousands separators, at most three decimals. */
export function showNumber(n: number, unit = ''): string {
  return `${fmt.format(n)}${unit}`;
}

/** "from 1 to 20,000" (with the unit), for messages and hints. */
export function rangeText(r: NumberRule): string {
  return `from ${showNumber(r.min, r.unit)} to ${showNumber(r.max, r.unit)}`;
}

/** Reads `text` under `rule`. Separators and surrounding spaces are allowed ("20,000", " 5 "). */
export function readNumber(text: string, rule: NumberRule): NumberReading {
  const kind = rule.integer ? 'a whole number' : 'a number';
  const cleaned = text.trim().replace(/[,_\s]/g, '');
  const n = cleaned === '' ? Number.NaN : Number(cleaned);
  if (!Number.isFinite(n)) {
    const what = text.trim() === '' ? 'An empty field' : `"${text.trim()}"`;
    return { ok: false, message: `${what} is not a number. ${rule.label} takes ${kind} ${rangeText(rule)}.` };
  }
  let value = rule.integer ? Math.round(n) : n;
  const notes: string[] = [];
  if (value !== n) notes.push(`rounded to ${showNumber(value)}`);
  if (value < rule.min || value > rule.max) {
    value = Math.min(rule.max, Math.max(rule.min, value));
    notes.length = 0;
    notes.push(`set to ${showNumber(value, rule.unit)}`);
  }
  if (notes.length === 0) return { ok: true, value, message: null };
  return { ok: true, value, message: `${rule.label} takes ${kind} ${rangeText(rule)}: ${showNumber(n, rule.unit)} was ${notes.join(', ')}.` };
}
