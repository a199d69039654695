/** Saved progress: versioned, and damaged data resets with a notice instead of crashing. */
import { describe, expect, it } from 'vitest';
import { EMPTY_PROGRESS, type KeyValueStore, loadProgress, markCompleted, PROGRESS_KEY, parseProgress, saveProgress, serialiseProgress } from '../../src/lessons/progress';

function memoryStore(initial: Record<string, string> = {}): KeyValueStore & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (k) => data[k] ?? null,
    setItem: (k, v) => {
      data[k] = v;
    },
  };
}

describe('parseProgress', () => {
  it('reads nothing saved as empty, without a notice', () => {
    expect(parseProgress(null)).toEqual({ progress: EMPTY_PROGRESS, notice: null });
    expect(parseProgress('')).toEqual({ progress: EMPTY_PROGRESS, notice: null });
  });

  it('round-trips version 1', () => {
    const p = markCompleted(markCompleted(EMPTY_PROGRESS, 'outbox'), 'saga');
    expect(parseProgress(serialiseProgress(p))).toEqual({ progress: { version: 1, completed: ['outbox', 'saga'] }, notice: null });
  });

  it('removes repeated ids', () => {
    expect(parseProgress('{"version":1,"completed":["a","a","b"]}').progress.completed).toEqual(['a', 'b']);
  });

  const corrupt: [string, string, RegExp][] = [
    ['not JSON', '{version:1', /not valid JSON/],
    ['a list', '["outbox"]', /not an object/],
    ['null', 'null', /not an object/],
    ['an unknown version', '{"version":2,"completed":[]}', /format 2/],
    ['no version', '{"completed":[]}', /format undefined/],
    ['completed not a list', '{"version":1,"completed":"outbox"}', /damaged/],
    ['completed with numbers', '{"version":1,"completed":[1,2]}', /damaged/],
  ];
  for (const [what, raw, why] of corrupt) {
    it(`resets ${what} with a notice`, () => {
      const r = parseProgress(raw);
      expect(r.progress).toEqual(EMPTY_PROGRESS);
      expect(r.notice).toMatch(/could not be read, so it was reset/);
      expect(r.notice).toMatch(why);
    });
  }
});

describe('loadProgress / saveProgress', () => {
  it('overwrites damaged data so the notice shows once', () => {
    const store = memoryStore({ [PROGRESS_KEY]: 'garbage' });
    expect(loadProgress(store).notice).not.toBeNull();
    expect(store.data[PROGRESS_KEY]).toBe('{"version":1,"completed":[]}');
    expect(loadProgress(store).notice).toBeNull();
  });

  it('survives a storage that throws', () => {
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceeded');
      },
    };
    expect(loadProgress(broken).progress).toEqual(EMPTY_PROGRESS);
    expect(loadProgress(broken).notice).toMatch(/cannot be saved/);
    expect(saveProgress(broken, EMPTY_PROGRESS)).toBe(false);
  });

  it('saves what it loads', () => {
    const store = memoryStore();
    expect(saveProgress(store, markCompleted(EMPTY_PROGRESS, 'happy-path'))).toBe(true);
    expect(loadProgress(store).progress.completed).toEqual(['happy-path']);
  });
});
