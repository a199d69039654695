/**
 * A streaming 64-bit FNV-1a hash (two 32-bit lanes), used for the trace hash. Fast, stable across
 * JavaScript engines, and not a security boundary.
 */
export class TraceHasher {
  private h1 = 0x811c9dc5;
  private h2 = 0xcbf29ce4;

  /** Feeds a string, then a separator so "ab"+"c" and "a"+"bc" differ. */
  str(s: string): void {
    this.update(s);
    this.h1 = Math.imul(this.h1 ^ 0xff, 0x01000193);
  }

  /** Feeds a string. */
  update(s: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h1 >>> 7);
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  /** Feeds a number (as its 32-bit halves; virtual times are integers). */
  num(n: number): void {
    const lo = n | 0;
    const hi = Math.floor(n / 4294967296) | 0;
    this.h1 = Math.imul(this.h1 ^ lo, 0x01000193);
    this.h2 = Math.imul(this.h2 ^ hi ^ lo, 0x01000193) ^ (this.h1 >>> 7);
  }

  /** 16 lowercase hex characters. */
  digest(): string {
    return (this.h1 >>> 0).toString(16).padStart(8, '0') + (this.h2 >>> 0).toString(16).padStart(8, '0');
  }
}
