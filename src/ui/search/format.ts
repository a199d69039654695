/** Numbers as the Search tab prints them. */

/** 12345 → "12,345". */
export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Runs per second, whole above 10, one decimal below. */
export function rate(r: number): string {
  return r >= 10 ? count(r) : (Math.round(r * 10) / 10).toString();
}

/** Wall-clock milliseconds as seconds with one decimal. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** "1 run", "2 runs". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}
