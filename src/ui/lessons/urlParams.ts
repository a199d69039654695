/**
 * The lesson player's part of the address: `?lesson=<id>` and `?challenge=<seed>`.
 * The hash belongs to the playground's scenario links, so we only touch the query string
 * and always keep the hash as it is.
 */

/** Reads one query parameter from the current address. */
export function readParam(name: 'lesson' | 'challenge'): string | null {
  if (typeof window === 'undefined') return null;
  return new URLSearchParams(window.location.search).get(name);
}

/** Sets (or with null removes) our query parameters, without a reload or a new history entry. */
export function writeParams(params: { lesson?: string | null; challenge?: string | null }): void {
  if (typeof window === 'undefined') return;
  const url = new URL(window.location.href);
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    if (v === null) url.searchParams.delete(k);
    else url.searchParams.set(k, v);
  }
  if (url.href !== window.location.href) window.history.replaceState(window.history.state, '', url.href);
}
