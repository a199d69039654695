/** Small formatting helpers shared by the panels, so numbers read the same everywhere. */

/** One formatter for every call: `toLocaleString` builds a new one each time, which showed up in play-loop profiles. */
const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
/** What `n.toLocaleString('en-US')` gives, from one formatter (plural() ran several times a tick, each building its own). */
const COUNT = new Intl.NumberFormat('en-US');

/** A count with separators, as `n.toLocaleString('en-US')` writes it ("12,345"). */
export function fmtCount(n: number): string {
  return COUNT.format(n);
}

/** Virtual milliseconds as "1 234 ms" or "12.3 s". */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (Math.abs(ms) < 10_000) return `${WHOLE.format(Math.round(ms))} ms`;
  return `${(ms / 1000).toFixed(ms < 100_000 ? 2 : 1)} s`;
}

/** Whole milliseconds with separators at any size ("60,000 ms"): the unit of the playhead beside it. */
export function fmtWholeMs(ms: number): string {
  return `${WHOLE.format(Math.round(ms))} ms`;
}

/** A playhead reading with fixed width digits, e.g. "1 234.5 ms". */
export function fmtClock(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}

/** Money as "$40" or "$40.50". */
export function fmtMoney(n: number): string {
  return Number.isInteger(n) ? `$${n}` : `$${n.toFixed(2)}`;
}

/** Human words for the camelCase figure keys the engine reports. */
export function humanize(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Capitalised service name. */
export function serviceName(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}

/** "1 order", "2 orders": the noun agrees with the count (`many` for irregular plurals). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${COUNT.format(n)} ${n === 1 ? one : many}`;
}

/** Just the noun of `plural`, for layouts that style the number apart. */
export function nounFor(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

/** Figure keys that are plural nouns, with their singular: "1 orders" reads wrong on a node. */
const SINGULAR: Record<string, string> = { requests: 'request', orders: 'order', payments: 'payment', emails: 'email', rows: 'row' };

/** A node figure's label for a count: humanized, singular when the count is one. */
export function figureLabel(key: string, n: number): string {
  return n === 1 && SINGULAR[key] ? SINGULAR[key] : humanize(key);
}
