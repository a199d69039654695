/**
 * The engine's ids are a letter and a counter (`m123` messages, `o12` orders, `r7` requests).
 * Tables hit on every delivery look such ids up by their number in a plain array: parsing a few
 * digits costs less than hashing the string into a large Map.
 */

/**
 * The number of an id spelled `letter` (a char code) then digits, with no leading zero and at most
 * nine digits (so `m01` and `m1` stay apart); -1 for any other key, or when `letter` is -1.
 */
export function idNumber(k: unknown, letter: number): number {
  if (typeof k !== 'string' || letter < 0) return -1;
  const len = k.length;
  if (len < 2 || len > 10 || k.charCodeAt(0) !== letter || (len > 2 && k.charCodeAt(1) === 48)) return -1;
  let n = 0;
  for (let i = 1; i < len; i++) {
    const d = k.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** The letter a table should number its ids by, if `k` is such an id; else -1. */
export function idLetter(k: unknown): number {
  if (typeof k !== 'string' || k.length < 2) return -1;
  const letter = k.charCodeAt(0);
  return idNumber(k, letter) >= 0 ? letter : -1;
}
