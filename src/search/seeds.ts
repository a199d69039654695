/** Seeds for numbered runs: run i of a search from base seed b always gets the same seed, in any worker. */

/** The seed of run `i` of a search whose base seed is `base` (a splitmix32 step, so neighbours differ wildly). */
export function seedFor(base: number, i: number): number {
  let z = (base + Math.imul(i + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}
