/**
 * What the timeline shows while the learner uses it. A range input bound to the live playhead
 * goes wrong during a long seek: the thumb follows the playhead back towards where the seek has
 * got to, and when the mouse button comes up the browser fires `change` with that in-between
 * value, which looked like a new choice and sent the playhead there (a click at 90% of a
 * 400-order run landed near 40%). So while pressed, and until the seek it asked for is done,
 * the input shows the time that was chosen, not the playhead.
 */
import { assign, setup } from 'xstate';

/** Events from the input and from the seek. */
export type ScrubEvent = { type: 'PRESS' } | { type: 'RELEASE' } | { type: 'CHOOSE'; value: number } | { type: 'SEEK_DONE'; value: number };

/** See the module comment. */
export const scrubMachine = setup({
  types: { context: {} as { target: number | null; reached: number | null }, events: {} as ScrubEvent },
  actions: {
    choose: assign(({ event }) => (event.type === 'CHOOSE' ? { target: event.value, reached: null } : {})),
    reached: assign(({ event }) => (event.type === 'SEEK_DONE' ? { reached: event.value } : {})),
    forget: assign({ target: null, reached: null }),
  },
  guards: {
    settled: ({ context }) => context.target === null || context.reached === context.target,
  },
}).createMachine({
  id: 'scrub',
  initial: 'idle',
  context: { target: null, reached: null },
  states: {
    idle: {
      entry: 'forget',
      on: { PRESS: 'pressed', CHOOSE: { target: 'settling', actions: 'choose' } },
    },
    pressed: {
      on: { CHOOSE: { actions: 'choose' }, SEEK_DONE: { actions: 'reached' }, RELEASE: 'settling' },
    },
    settling: {
      always: { guard: 'settled', target: 'idle' },
      on: { CHOOSE: { actions: 'choose' }, SEEK_DONE: { actions: 'reached' }, PRESS: 'pressed' },
    },
  },
});
