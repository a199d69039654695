/**
 * Reading and writing the `key=value&…` list in a URL's hash (or query). We do not use
 * URLSearchParams for the hash: it turns `+` into a space, and `+` is part of lz-string's
 * URL-safe alphabet, so a compressed scenario would come back damaged.
 */

/** An address split into the parts links use. */
export interface AddressParts {
  /** Query string without the leading "?". */
  search: string;
  /** Hash without the leading "#". */
  hash: string;
}

/** Splits a full URL, a "?query#hash" tail, or a bare "#hash" into query and hash. */
export function splitAddress(address: string): AddressParts {
  const trimmed = address.trim();
  const hashAt = trimmed.indexOf('#');
  const beforeHash = hashAt >= 0 ? trimmed.slice(0, hashAt) : trimmed;
  const hash = hashAt >= 0 ? trimmed.slice(hashAt + 1) : '';
  const queryAt = beforeHash.indexOf('?');
  const search = queryAt >= 0 ? beforeHash.slice(queryAt + 1) : '';
  return { search, hash };
}

/** decodeURIComponent that never throws: a malformed escape is kept as written. */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** One `key=value` pair as found, in order. A key without "=" has the value null. */
export interface Param {
  key: string;
  value: string | null;
}

/** Parses `a=1&b&c=x%20y` into ordered pairs; empty pieces (from "&&") are skipped. */
export function parseParams(text: string): Param[] {
  const out: Param[] = [];
  for (const piece of text.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    if (eq < 0) out.push({ key: safeDecode(piece), value: null });
    else out.push({ key: safeDecode(piece.slice(0, eq)), value: safeDecode(piece.slice(eq + 1)) });
  }
  return out;
}

/**
 * Joins pairs into `a=1&b=2`. Values are written as given: the encoder only produces
 * characters that are safe in a URL fragment (lz-string's alphabet, digits, ids, paths).
 */
export function joinParams(pairs: [string, string][]): string {
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}
