/** Keyboard moves shared by the app's tab strips (WAI-ARIA tabs pattern). */

/**
 * The tab an arrow, Home or End key moves to from tab `i` of `n` (arrows wrap round), or null
 * for any other key, which the strip leaves alone.
 */
export function tabKeyTarget(key: string, i: number, n: number): number | null {
  const to = key === 'ArrowRight' ? i + 1 : key === 'ArrowLeft' ? i - 1 : key === 'Home' ? 0 : key === 'End' ? n - 1 : null;
  return to === null ? null : (to + n) % n;
}
