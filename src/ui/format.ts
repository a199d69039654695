/** Small formatting helpers shared by the panels, so numbers read the same everywhere. */

/** Virtual milliseconds as "1 234 ms" or "12.3 s". */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (Math.abs(ms) < 10_000) return `${Math.round(ms).toLocaleString('en-US')} ms`;
  return `${(ms / 1000).toFixed(ms < 100_000 ? 2 : 1)} s`;
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
