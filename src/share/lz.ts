/**
 * lz-string is a CommonJS module without named ESM exports, so Node (the runner) cannot
 * import `{ compressToEncodedURIComponent }` directly; both Node and Vite accept the default.
 */
import LZString from 'lz-string';

/** lz-string's URL-safe compression (alphabet A–Z a–z 0–9 + - $). */
export const packForUrl: (text: string) => string = (text) => LZString.compressToEncodedURIComponent(text);

/** The inverse of `packForUrl`; null or "" for input it cannot unpack. May throw on garbage. */
export const unpackFromUrl: (packed: string) => string | null = (packed) => LZString.decompressFromEncodedURIComponent(packed);
