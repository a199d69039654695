/**
 * The step memo of pure.ts finds a remembered step by comparing an event's fields with an earlier
 * event's; `can` and `restore` are remembered too. Whatever the events look like (extra or missing
 * keys, keys in another order, -0 and 0, NaN, "1" and 1, undefined and absent), every answer must
 * be the one XState gives when asked afresh.
 */
import fc from 'fast-check';
import { setup, transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { can, restore, start, step } from '../../../src/sim/machines/pure';

type Ev = { type: 'E' | 'F'; [k: string]: unknown };

// Each guard reads a distinction a careless memo would miss; the branch taken names it.
const probe = setup({
  types: { context: {} as { n: number }, events: {} as Ev },
  actions: { saw: (_: unknown, _p: { x: unknown }) => {} },
  guards: {
    negZero: ({ event }) => Object.is(event.x, -0),
    isNaN: ({ event }) => Number.isNaN(event.x),
    isString: ({ event }) => typeof event.x === 'string',
    hasY: ({ event }) => 'y' in event,
    yFirst: ({ event }) => Object.keys(event)[1] === 'y',
    big: ({ context }) => context.n > 1,
  },
}).createMachine({
  id: 'probe',
  initial: 'idle',
  context: { n: 0 },
  states: {
    idle: {
      on: {
        E: [
          { guard: 'negZero', target: 'negZero' },
          { guard: 'isNaN', target: 'nan' },
          { guard: 'isString', target: 'string' },
          { guard: 'yFirst', target: 'yFirst' },
          { guard: 'hasY', target: 'hasY', actions: { type: 'saw', params: ({ event }) => ({ x: event.x }) } },
          { guard: 'big', target: 'big' },
          { target: 'other', actions: { type: 'saw', params: ({ event }) => ({ x: event.x }) } },
        ],
      },
    },
    negZero: {},
    nan: {},
    string: {},
    yFirst: {},
    hasY: {},
    big: {},
    other: { on: { F: 'idle' } },
  },
});

const value = fc.constantFrom<unknown>(0, -0, 1, '1', '0', Number.NaN, undefined, null, true, false);
const event: fc.Arbitrary<Ev> = fc
  .record({ type: fc.constantFrom<'E' | 'F'>('E', 'F'), x: value, y: value, hasX: fc.boolean(), hasY: fc.boolean(), yFirst: fc.boolean() })
  .map(({ type, x, y, hasX, hasY, yFirst }) => {
    const e: Ev = { type };
    if (yFirst && hasY) e.y = y;
    if (hasX) e.x = x;
    if (!yFirst && hasY) e.y = y;
    return e;
  });

describe('pure.ts memo against XState asked afresh', () => {
  it('step, can and restore give XState’s answers for any sequence of events, repeated or not', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(0, 2), event), { minLength: 1, maxLength: 40 }), (steps) => {
        for (const [n, e] of steps) {
          // A shared, remembered snapshot (restore) and XState's own one built from the same data.
          const from = restore(probe, 'idle', { n });
          const fresh = probe.resolveState({ value: 'idle', context: { n } });
          expect(restore(probe, 'idle', { n })).toBe(from);
          const [want, actions] = transition(probe, fresh, e);
          const got = step(probe, from, e);
          expect(got.snapshot.value).toEqual(want.value);
          expect(got.snapshot.context).toEqual(want.context);
          expect(got.commands.map((c) => [c.type, c.params])).toEqual(actions.filter((a) => a.type === 'saw').map((a) => [a.type, a.params]));
          expect(can(from, e)).toBe(fresh.can(e));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('an event left unchanged by the step hands back the caller’s own snapshot', () => {
    const first = start(probe, undefined as never).snapshot;
    const other = step(probe, first, { type: 'E' }).snapshot;
    expect(other.value).toBe('other');
    // F moves `other` back; E in `other` is not handled: the same object comes back, remembered or not.
    expect(step(probe, other, { type: 'E' }).snapshot).toBe(other);
    expect(step(probe, other, { type: 'E' }).snapshot).toBe(other);
  });
});
