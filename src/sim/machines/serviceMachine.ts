/**
 * The life of one service process: up (taking deliveries) or down (crashed, waiting to restart).
 * The machine owns *when* work may happen; the service's handlers (see ../services) own *what*
 * happens. The service's database lives outside the machine, as a real database outlives its
 * process: a crash loses in-memory work, never committed rows.
 */
import { setup } from 'xstate';
import type { Delivery, Outcome } from '../bus';

/** Hooks the runtime gives the machine; called from the machine's actions. */
export interface ServiceHooks {
  /** Handle one delivery (only ever called while up). */
  handle: (d: Delivery, done: (o: Outcome) => void) => void;
  /** Runs when the process comes back: resume unfinished work, reconnect to the bus. */
  recover: () => void;
}

/** Events the service machine accepts. */
export type ServiceEvent = { type: 'DELIVER'; delivery: Delivery; done: (o: Outcome) => void } | { type: 'CRASH' } | { type: 'RESTART' };

/** Service process machine: `up` ⇄ `down`. Deliveries sent while down are ignored by design. */
export const serviceMachine = setup({
  types: {
    context: {} as { hooks: ServiceHooks; crashes: number },
    input: {} as { hooks: ServiceHooks },
    events: {} as ServiceEvent,
  },
  actions: {
    runWork: ({ context, event }) => {
      if (event.type === 'DELIVER') context.hooks.handle(event.delivery, event.done);
    },
    recover: ({ context }) => context.hooks.recover(),
  },
}).createMachine({
  id: 'service',
  initial: 'up',
  context: ({ input }) => ({ hooks: input.hooks, crashes: 0 }),
  states: {
    up: {
      on: {
        DELIVER: { actions: 'runWork' },
        CRASH: { target: 'down' },
      },
    },
    down: {
      on: { RESTART: { target: 'up', actions: 'recover' } },
    },
  },
});
