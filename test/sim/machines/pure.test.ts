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

  it('answers an event no active state names without XState, exactly as XState would', () => {
    const a = start(m, { n: 0 });
    const busy = step(m, a.snapshot, { type: 'GO', id: 'q' }).snapshot;
    const before = transitionCount.n;
    // STOP is named in busy, not in idle; GO is named in idle, not in busy.
    const r = step(m, busy, { type: 'GO', id: 'again' });
    expect(r.snapshot).toBe(busy);
    expect(r.commands).toEqual([]);
    expect(Object.isFrozen(r.commands)).toBe(true);
    // Offered events still count, so the benchmark's transitions per delivery stay comparable.
    expect(transitionCount.n - before).toBe(1);
  });

  it('still asks XState when an eventless transition could react to the event', () => {
    // The always-guard reads the event: nothing names HOP, yet XState moves on it.
    const hop = setup({ types: { events: {} as { type: 'HOP'; far: boolean } | { type: 'NOPE' } } }).createMachine({
      id: 'hop',
      initial: 'here',
      states: { here: { always: { guard: ({ event }) => event.type === 'HOP' && event.far, target: 'there' } }, there: {} },
    });
    const a = start(hop, undefined).snapshot;
    expect(step(hop, a, { type: 'HOP', far: true }).snapshot.value).toBe('there');
    expect(step(hop, a, { type: 'HOP', far: false }).snapshot).toBe(a);
  });

  it('still asks XState when a wildcard could match the event', () => {
    const any = setup({ types: { events: {} as { type: 'A' } | { type: 'B' } } }).createMachine({
      id: 'any',
      initial: 'open',
      states: { open: { on: { '*': 'closed' } }, closed: {} },
    });
    expect(step(any, start(any, undefined).snapshot, { type: 'B' }).snapshot.value).toBe('closed');
  });

  it('remembers a transition by state, context and event, and gives each caller its own unchanged snapshot', () => {
    const gate = setup({
      types: { context: {} as { open: boolean }, input: {} as { open: boolean }, events: {} as { type: 'PASS'; who: string } },
      actions: { log: (_: unknown, _p: { who: string }) => {} },
      guards: { open: ({ context }) => context.open },
    }).createMachine({
      id: 'gate',
      initial: 'waiting',
      context: ({ input }) => ({ open: input.open }),
      states: { waiting: { on: { PASS: { guard: 'open', target: 'through', actions: { type: 'log', params: ({ event }) => ({ who: event.who }) } } } }, through: {} },
    });
    // Two entities in the same state with the same context: the guard refuses both, and each keeps
    // its own snapshot object (callers tell "not handled" by identity).
    const shut1 = start(gate, { open: false }).snapshot;
    const shut2 = start(gate, { open: false }).snapshot;
    expect(step(gate, shut1, { type: 'PASS', who: 'a' }).snapshot).toBe(shut1);
    expect(step(gate, shut2, { type: 'PASS', who: 'a' }).snapshot).toBe(shut2);
    // The context decides: an open gate with the same event moves, and the event's data reaches the params.
    const open = start(gate, { open: true }).snapshot;
    const a = step(gate, open, { type: 'PASS', who: 'a' });
    const b = step(gate, open, { type: 'PASS', who: 'b' });
    expect(a.snapshot.value).toBe('through');
    expect(a.commands).toEqual([{ type: 'log', params: { who: 'a' } }]);
    expect(b.commands).toEqual([{ type: 'log', params: { who: 'b' } }]);
    // A repeat is the remembered result: the same immutable snapshot and commands.
    const again = step(gate, start(gate, { open: true }).snapshot, { type: 'PASS', who: 'a' });
    expect(again.snapshot).toBe(a.snapshot);
    expect(again.commands).toEqual(a.commands);
  });

  it('restores a snapshot from persisted value and context', () => {
    const s = restore(m, 'busy', { n: 3 });
    expect(step(m, s, { type: 'STOP' }).snapshot.value).toBe('idle');
  });
});
