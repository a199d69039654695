import type { ChoiceSource } from './choices';

/** The generator's whole state, as plain data (checkpoints copy it). */
export interface RngState {
  a: number;
  b: number;
  c: number;
  d: number;
}

/**
 * Seeded pseudo-random numbers (sfc32, seeded through splitmix32). The only source of chance
 * in the simulation, so a seed fixes every coin flip of a run. A search can attach a choice
 * source (choices.ts) that sees, and may replace, every decision; without one nothing changes.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** The choice source every decision passes through, when a search attached one. */
  private tap: ChoiceSource | null = null;
  private stream = -1;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    // Warm up so nearby seeds diverge quickly.
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A float in [0, 1). */
  float(): number {
    const x = this.u32() / 4294967296;
    return this.tap === null ? x : this.tap.float(this.stream, x);
  }

  /** True with probability p (never consumes randomness when p is 0, so adding a 0 fault changes nothing). */
  chance(p: number): boolean {
    if (p <= 0) return false;
    if (p >= 1) return true;
    // The stream draws even when a choice source decides, so its later draws stay where they were.
    const yes = this.u32() / 4294967296 < p;
    return this.tap === null ? yes : this.tap.chance(this.stream, p, yes);
  }

  /** Routes this stream's decisions through `source`, as stream number `stream` (an index into STREAMS). */
  attach(source: ChoiceSource, stream: number): void {
    this.tap = source;
    this.stream = stream;
  }

  /** The generator's state as plain data. */
  state(): RngState {
    return { a: this.a, b: this.b, c: this.c, d: this.d };
  }

  /** Continues from a state made by `state()`. */
  setState(s: RngState): void {
    this.a = s.a;
    this.b = s.b;
    this.c = s.c;
    this.d = s.d;
  }

  /** A float in [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.float();
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** An independent generator for a named purpose, so one stream's use doesn't shift another's. */
  fork(salt: number): Rng {
    return new Rng((this.u32() ^ Math.imul(salt + 1, 0x27d4eb2d)) >>> 0);
  }
}
