import { setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import { restore, start, step, transitionCount } from '../../../src/sim/machines/pure';

const m = setup({
  types: { context: {} as { n: number }, input: {} as { n: number }, events: {} as { type: 'GO'; id: string } | { type: 'STOP' } },
  actions: { publish: (_: unknown, _p: { id: string }) => {} },
  guards: { big: ({ context }) => context.n > 1 },
}).createMachine({
  id: 't',
  initial: 'idle',
  context: ({ input }) => ({ n: input.n }),
  states: {
    idle: {
      on: {
        GO: [
          { guard: 'big', target: 'done', actions: { type: 'publish', params: ({ event }) => ({ id: `big:${event.id}` }) } },
          { target: 'busy', actions: { type: 'publish', params: ({ event }) => ({ id: event.id }) } },
        ],
      },
    },
    busy: { on: { STOP: 'idle' } },
    done: { type: 'final' },
  },
});

describe('pure machine steps', () => {
  it('returns the next snapshot and the named actions as data, executing nothing', () => {
    const before = transitionCount.n;
    const a = start(m, { n: 0 });
    expect(a.snapshot.value).toBe('idle');
    const b = step(m, a.snapshot, { type: 'GO', id: 'm1' });
    expect(b.snapshot.value).toBe('busy');
    expect(b.commands).toEqual([{ type: 'publish', params: { id: 'm1' } }]);
    // The old snapshot is untouched: checkpoints may share it.
    expect(a.snapshot.value).toBe('idle');
    expect(transitionCount.n - before).toBe(2);
  });

  it('takes the guarded branch the context decides, and ignores events the state does not accept', () => {
    const a = start(m, { n: 5 });
    const b = step(m, a.snapshot, { type: 'GO', id: 'x' });
    expect(b.snapshot.value).toBe('done');
    expect(b.commands[0].params).toEqual({ id: 'big:x' });
    const c = step(m, a.snapshot, { type: 'STOP' });
    expect(c.snapshot.value).toBe('idle');
    expect(c.commands).toEqual([]);
    expect(c.snapshot).toBe(a.snapshot);
  });

  it('restores a snapshot from persisted value and context', () => {
    const s = restore(m, 'busy', { n: 3 });
    expect(step(m, s, { type: 'STOP' }).snapshot.value).toBe('idle');
  });
});
