/**
 * Animation frames run by hand with a hand-set clock, for tests of the playing loop: registers the
 * fakes around each test of the file that calls it.
 */
import { afterEach, beforeEach, vi } from 'vitest';

/** Control over the fake clock and frames. */
export interface HandFrames {
  /** The hand-set `performance.now()`. */
  clock: number;
  /** Animation-frame callbacks waiting for the next frame. */
  readonly waiting: number;
  /** Moves the clock by `ms`, runs the waiting callbacks, then lets the tasks they queued run. */
  frame(ms: number): Promise<void>;
}

/** Installs the fakes before each test and restores the real ones after it. */
export function handFrames(): HandFrames {
  let pending = new Map<number, FrameRequestCallback>();
  let nextId = 1;
  const raf = globalThis.requestAnimationFrame;
  const caf = globalThis.cancelAnimationFrame;
  const h: HandFrames = {
    clock: 0,
    get waiting() {
      return pending.size;
    },
    async frame(ms) {
      h.clock += ms;
      const due = [...pending.values()];
      pending = new Map();
      for (const cb of due) cb(h.clock);
      // A tick runs in its own task after the frame.
      await new Promise((r) => setTimeout(r, 0));
    },
  };
  beforeEach(() => {
    h.clock = 1_000_000;
    pending = new Map();
    vi.spyOn(performance, 'now').mockImplementation(() => h.clock);
    globalThis.requestAnimationFrame = ((cb: FrameRequestCallback) => {
      pending.set(nextId, cb);
      return nextId++;
    }) as typeof requestAnimationFrame;
    globalThis.cancelAnimationFrame = ((id: number) => {
      pending.delete(id);
    }) as typeof cancelAnimationFrame;
  });
  afterEach(() => {
    vi.restoreAllMocks();
    globalThis.requestAnimationFrame = raf;
    globalThis.cancelAnimationFrame = caf;
  });
  return h;
}
